"""
Compare two `npm run eval:all -- --json <file>` runs question by question (a reading aid, not a test):

    python3 tests/tools/compare-eval-runs.py before.json after.json [show]

Prints how many answers or citations changed, the outcome transitions (correct, refused-answerable, refused-correctly,
confidently-wrong) over the questions both runs asked, and each run's totals (all, article); `show` also lists every
question whose outcome changed, with the new answer's start.
"""
import collections
import json
import signal
import sys

# Piped into head: stop quietly when the reader has had enough.
signal.signal(signal.SIGPIPE, signal.SIG_DFL)

before = {r['id']: r for r in json.load(open(sys.argv[1]))['cases']}
after = {r['id']: r for r in json.load(open(sys.argv[2]))['cases']}
show = len(sys.argv) > 3 and sys.argv[3] == 'show'

transitions = collections.Counter()
changed = 0
for key, new in after.items():
    old = before.get(key)
    if old is None:
        continue
    if old.get('answer') != new.get('answer') or old.get('citations') != new.get('citations'):
        changed += 1
    if old['outcome'] != new['outcome']:
        transitions[(old['outcome'], new['outcome'])] += 1
        if show:
            print(key, old['outcome'], '->', new['outcome'], '|', (new.get('answer') or '')[:160].replace('\n', ' '))

print('changed answers/citations', changed)
for (old, new), n in transitions.most_common():
    print(n, old, '->', new)
for name, run in (('before', before), ('after', after)):
    print(name, dict(collections.Counter(r['outcome'] for r in run.values())),
          'article', dict(collections.Counter(r['outcome'] for r in run.values() if r['corpus'] == 'article')))
