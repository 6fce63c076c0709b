// The subset of autocannon's API the benchmark uses (the package ships no types and @types/autocannon is not installed).
declare module 'autocannon' {
  interface Histogram { p50: number; p99: number; average: number }
  interface Result { latency: Histogram; requests: Histogram; '2xx': number; non2xx: number; errors: number; timeouts: number }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    requests?: Array<{ method?: string; path?: string; setupRequest?: (req: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown> }>;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
