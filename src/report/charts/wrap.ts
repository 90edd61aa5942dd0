/** Greedy word wrap for chart titles and diagram boxes: lines of at most `maxChars` (longer words stay whole). */
export function wrapWords(text: string, maxChars: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > maxChars) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.length > 0 ? out : [''];
}
