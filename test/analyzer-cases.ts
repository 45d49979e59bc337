/** Texts that must analyze to the same terms; shared by the Node and the browser tests. */
export const SAME_TERMS: [string, string][] = [
  ['fled fought children taught', 'flee fight child teach'],
  ['Temüjin Börte Müller naïve', 'Temujin Borte Muller naive'],
  ['eight U.S. presidents', 'eight US presidents'],
  ['the Ü.S. and the E.U.', 'the US and the EU'],
];
