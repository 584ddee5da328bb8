#!/usr/bin/env python3
"""Build corpora edu2-zh / edu2-en from the Debian Edu Bookworm manual (single-page HTML).

Slices the HTML at top-level section boundaries: a `<div class="section">` whose first
`<h2 class="title" style="clear: both">` carries a numbered title "N. ...". Each slice runs from
that div up to the next top-level section div (or </body>), is wrapped in a minimal
<html><body>...</body></html> and converted with `pandoc -f html -t plain --wrap=none`.

Usage: make-edu2.py [outroot] [--all]   (--all: dump every section to a scratch dir for inspection)
"""
import re, subprocess, sys, os

SRC = {
    'edu2-en': '/usr/share/doc/debian-edu-doc-en/debian-edu-bookworm-manual.html',
    'edu2-zh': '/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bookworm-manual.html',
}
# chosen top-level sections -> slug (same in both languages)
CHOSEN = {
    14: 'admin-howtos',
    15: 'advanced-admin',
    16: 'desktop-howtos',
    17: 'networked-clients',
}
HEAD = re.compile(r'<div class="section"><div class="titlepage"><div><div>'
                  r'<h2 class="title" style="clear: both"><a id="[^"]*"></a>(\d+)\.\xa0')

def slices(html):
    ms = list(HEAD.finditer(html))
    end_body = html.rfind('</body>')
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else end_body
        yield int(m.group(1)), html[m.start():end]

def convert(fragment):
    doc = '<html><body>' + fragment + '</body></html>'
    r = subprocess.run(['pandoc', '-f', 'html', '-t', 'plain', '--wrap=none'],
                       input=doc.encode('utf-8'), capture_output=True, check=True)
    return r.stdout

def main():
    outroot = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith('--') else '/work/bank3/corpora'
    dump_all = '--all' in sys.argv
    for corpus, path in SRC.items():
        html = open(path, encoding='utf-8').read()
        outdir = os.path.join(outroot, corpus)
        os.makedirs(outdir, exist_ok=True)
        for num, frag in slices(html):
            if not dump_all and num not in CHOSEN:
                continue
            slug = CHOSEN.get(num, 'section')
            name = 'sec%02d-%s.txt' % (num, slug)
            data = convert(frag)
            with open(os.path.join(outdir, name), 'wb') as fh:
                fh.write(data)
            print(corpus, name, len(data))

if __name__ == '__main__':
    main()
