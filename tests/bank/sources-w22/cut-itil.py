# Cuts top-level sections of the Debian Edu ITIL manual (single-page DocBook HTML) into standalone HTML files.
# A slice runs from a top-level section's <div class="section"> up to the next one (or </body>); bytes inside are unchanged.
import re, sys, pathlib
src, out, nums = sys.argv[1], pathlib.Path(sys.argv[2]), [int(x) for x in sys.argv[3].split(',')]
html = open(src, encoding='utf-8').read()
starts = [m.start() for m in re.finditer(r'<div class="section"><div class="titlepage"><div><div><h2 class="title" style="clear: both">', html)]
end_body = html.rindex('</body>')
out.mkdir(parents=True, exist_ok=True)
for i, s in enumerate(starts):
    e = starts[i + 1] if i + 1 < len(starts) else end_body
    head = re.search(r'</a>(\d+)\.\s*([^<]*)', html[s:s + 400])
    n = int(head.group(1))
    if n not in nums: continue
    title = head.group(2).strip()
    slug = re.sub(r'[^a-z0-9]+', '-', title.lower()).strip('-')[:40] or 'section'
    name = out / f'itil-sec{n:02d}.html'
    name.write_text(f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{n}. {title}</title></head><body>\n' + html[s:e] + '\n</body></html>\n', encoding='utf-8')
    print(name, len(html[s:e].encode()), title)
