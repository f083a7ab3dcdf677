import { checkPerformanceDocs, replaceMarkedBlock } from '../../bench/performance-docs';

describe('the blocks of docs/performance.md a benchmark rewrites', () => {
  const doc = ['# Performance', '', '<!-- bench:moving -->', 'old figures', '<!-- /bench:moving -->', '', 'Targets', ''].join('\n');

  it('replaces what is between the markers and leaves the rest of the text as it was', () => {
    const once = replaceMarkedBlock(doc, 'moving', 'new figures\n\n| a |\n|---|\n| 1 |\n');
    expect(once).toBe(
      [
        '# Performance',
        '',
        '<!-- bench:moving -->',
        'new figures',
        '',
        '| a |',
        '|---|',
        '| 1 |',
        '<!-- /bench:moving -->',
        '',
        'Targets',
        '',
      ].join('\n'),
    );
    expect(replaceMarkedBlock(once, 'moving', 'old figures')).toBe(doc);
  });

  it('refuses a text without the markers, with them in the wrong order or twice', () => {
    expect(() => replaceMarkedBlock('# Performance\n', 'moving', 'x')).toThrow(
      'the text has no <!-- bench:moving --> … <!-- /bench:moving --> block',
    );
    expect(() => replaceMarkedBlock(doc, 'targets', 'x')).toThrow('no <!-- bench:targets -->');
    expect(() => replaceMarkedBlock(doc.replace('<!-- /bench:moving -->', ''), 'moving', 'x')).toThrow('no <!-- bench:moving -->');
    expect(() => replaceMarkedBlock('<!-- /bench:moving -->\n<!-- bench:moving -->\n', 'moving', 'x')).toThrow(
      '<!-- /bench:moving --> comes before <!-- bench:moving -->',
    );
    expect(() => replaceMarkedBlock(`${doc}${doc}`, 'moving', 'x')).toThrow('more than one <!-- bench:moving --> block');
  });

  it('finds in docs/performance.md every block `--update-docs` rewrites', () => {
    expect(() => checkPerformanceDocs(['moving', 'targets', 'overview'])).not.toThrow();
  });
});
