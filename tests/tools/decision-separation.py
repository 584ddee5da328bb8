"""
How well the answerability decision separates right from wrong forced answers, on the rows `npm run calibrate --
--dry-run --save-rows rows.json` writes: the committed model (answerability-model.json, scored here as decision.ts
scores it) against boosted trees and a logistic model fitted leave-one-corpus-out on the same features. Prints the
area under the ROC curve for the article and for the other corpora, and what each answers at a few thresholds.
A one-off reading aid (session 22), not part of the product or of CI: it needs Debian's python3-sklearn
(`apt-get install python3-sklearn`, then run with /usr/bin/python3).

    /usr/bin/python3 tests/tools/decision-separation.py rows.json
"""
import json, math, sys
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

saved = json.load(open(sys.argv[1]))
names = saved['features']
rows = [r for r in saved['rows'] if r.get('x')]
model = json.load(open('server/generators/extractive/answerability-model.json'))
index = [names.index(f) for f in model['features']]


def leaf(node, x):
    while 'leaf' not in node:
        node = node['low'] if x[node['feature']] <= node['at'] else node['high']
    return node['leaf']


def committed(r):
    x = [r['x'][i] for i in index]
    z = model['bias'] + sum(w * v for w, v in zip(model['weights'], x)) + sum(leaf(t, x) for t in model.get('trees', []))
    return 1 / (1 + math.exp(-z))


X = np.array([r['x'] for r in rows])
y = np.array([1 if r['answerable'] and r['correct'] else 0 for r in rows])
corpus = np.array([r['corpus'] for r in rows])
article = corpus == 'article'
learners = {
    'committed': None,
    'trees (held out)': lambda: HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15, min_samples_leaf=40, l2_regularization=1.0),
    'logistic (held out)': lambda: LogisticRegression(C=0.2, max_iter=2000),
}
for name, make in learners.items():
    if make is None:
        p = np.array([committed(r) for r in rows])
    else:
        p = np.zeros(len(rows))
        for c in sorted(set(corpus)):
            m = make().fit(X[corpus != c], y[corpus != c])
            p[corpus == c] = m.predict_proba(X[corpus == c])[:, 1]
    print(f'{name}: AUC article {roc_auc_score(y[article], p[article]):.3f}, other corpora {roc_auc_score(y[~article], p[~article]):.3f}')
    for th in (0.75, 0.7, 0.65):
        for label, mask in (('article', article), ('other', ~article)):
            answered = (p >= th) & mask
            print(f'  at {th}: {label} right {int((answered & (y == 1)).sum())}, wrong {int((answered & (y == 0)).sum())} of {int(mask.sum())} rows')
