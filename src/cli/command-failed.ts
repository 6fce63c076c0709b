/**
 * Thrown by a command that ran to the end but must exit non-zero (failed conversation tests): the command has
 * already printed its report, so main() only returns the code.
 */
export class CommandFailed extends Error {
  constructor(readonly exitCode: number) {
    super(`command failed with exit code ${exitCode}`);
    this.name = 'CommandFailed';
  }
}
