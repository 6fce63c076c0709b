// natural's top-level entry pulls in database drivers (mongoose, pg, redis); we import single files by deep path,
// which ship without typings. These declarations cover exactly what the knowledge base uses.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}

declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
  const stopwords: { words: string[] };
  export default stopwords;
}
