/** Cases where Intl.Segmenter alone is wrong on real documents; shared by the Node and the browser tests. */
export const SPLIT_CASES: [string, string[]][] = [
  [
    'At the end of 1949, UPT was forced by the U.S. Supreme Court to become independent. Noble bought the name from George B. Storer in 1944.',
    ['At the end of 1949, UPT was forced by the U.S. Supreme Court to become independent.', 'Noble bought the name from George B. Storer in 1944.'],
  ],
  ['The line-up included Mr. Belvedere and Dr. Quinn. It ran for years.', ['The line-up included Mr. Belvedere and Dr. Quinn.', 'It ran for years.']],
  ['The network moved to the U.S. The next year it grew.', ['The network moved to the U.S.', 'The next year it grew.']],
  [
    'After the 1954 decision in Brown v. Board of Education of Topeka, schools desegregated. Many closed.',
    ['After the 1954 decision in Brown v. Board of Education of Topeka, schools desegregated.', 'Many closed.'],
  ],
  ['He kept plan B. Then it rained.', ['He kept plan B.', 'Then it rained.']],
  ['Oxygen makes up 23.1% of its mass (some 1015 tonnes).[d] Earth is unusual.', ['Oxygen makes up 23.1% of its mass (some 1015 tonnes).[d]', 'Earth is unusual.']],
  ['It was built in 1912.[12][13] Then it burned.[citation needed] The end.[2]', ['It was built in 1912.[12][13]', 'Then it burned.[citation needed]', 'The end.[2]']],
  ['Write to Dr.\n\nNew paragraph here.', ['Write to Dr.', 'New paragraph here.']],
  [
    'Key figures follow.\nTotal assets | US$411.9 billion (2023)\nWebsite | microsoft.com\nThe company grew\nfast.',
    ['Key figures follow.', 'Total assets | US$411.9 billion (2023)', 'Website | microsoft.com', 'The company grew\nfast.'],
  ],
];
