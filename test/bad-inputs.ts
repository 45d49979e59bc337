/** Generated bad inputs for the ingest tests, the same in Node and in the browser. */
export function badInputs(): Record<string, Uint8Array> {
  const binary = new Uint8Array(4096);
  for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919) % 256;
  const encoder = new TextEncoder();
  return {
    'empty.txt': new Uint8Array(0),
    'binary.txt': binary,
    'corrupt.pdf': encoder.encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> garbage without xref or trailer'),
    'not-a-pdf.pdf': encoder.encode('<html>this was saved with the wrong name</html>'),
    'not-a-docx.docx': encoder.encode('plain text pretending to be Word'),
    // "Café crème, naïve" in Windows-1252: é = 0xE9, è = 0xE8, ï = 0xEF — invalid as UTF-8.
    'latin1.txt': Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x72, 0xe8, 0x6d, 0x65, 0x2c, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]),
    'utf16.txt': Uint8Array.from([0xff, 0xfe, ...Array.from('Grüße aus UTF-16').flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]),
    'bom.txt': Uint8Array.from([0xef, 0xbb, 0xbf, ...encoder.encode('BOM then text')]),
    'hostile.html': encoder.encode(
      '<html><head><title>Hostile</title><style>body{display:none}</style><script>window.__pwned = 1</script></head>' +
        '<body><h1>Visible heading</h1><p>Safe text <img src=x onerror="window.__pwned=2">here.</p>' +
        '<div hidden>hidden text</div><p style="display: none">also hidden</p>' +
        '<p onclick="alert(1)">Click text stays text: &lt;script&gt;alert(3)&lt;/script&gt;</p>' +
        '<noscript>noscript text</noscript><iframe src="javascript:alert(4)">frame text</iframe></body></html>',
    ),
  };
}
