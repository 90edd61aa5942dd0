// jstat ships no type declarations; src/stats/distributions.ts narrows it to the functions it uses.
declare module 'jstat' {
  const jStat: unknown;
  export default jStat;
}
