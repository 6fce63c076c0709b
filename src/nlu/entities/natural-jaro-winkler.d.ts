// natural is imported by deep path (its index loads database clients); this module ships no typings of its own.
declare module 'natural/lib/natural/distance/jaro-winkler_distance.js' {
  const jaroWinkler: (s1: string, s2: string, options?: { ignoreCase?: boolean; dj?: number }) => number;
  export default jaroWinkler;
}
