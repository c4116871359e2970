"""Select the golden end-to-end cases (tests/golden/voa_key_events.jsonl).

From the hand-coded VOA gold (tests/data/voa_gold.jsonl), keep the key events
the coder finds exactly (type in the quote's sentence, an actor of the gold
country, the gold date). The golden test then guards them against
regressions; the whole gold set, misses included, is scored by
`tacitus eval tests/data/voa_gold.jsonl`. Run from the repository root after
improving the coder: python scripts/select_golden.py
"""
import json, sys
import tacitus
gold = [json.loads(l) for l in open('tests/data/voa_gold.jsonl')]
stories = {json.loads(l)['id']: json.loads(l) for l in open('../shared/data/voa/stories.jsonl')}
c = tacitus.load()
out = []
for g in gold:
    s = stories[g['id']]; text = s['text']
    evs = c(text, date=s['published'][:10], doc_id=g['id'])
    keep = []
    for e in g['events']:
        if not e.get('key'): continue
        at = text.find(e['quote'])
        here = [x for x in evs if x.span[0] <= at < x.span[1] and x.event == e['event']]
        if e['actor']:
            here = [x for x in here if set(e['actor']) & {a.country for a in x.actor}]
        if e['date']:
            here = [x for x in here if x.date == e['date']]
        if here:
            keep.append({k: e[k] for k in ("event", "actor", "recipient", "date", "quote")})
    if keep:
        out.append({"id": g['id'], "expected": keep})
print(len(out), sum(len(o['expected']) for o in out))
with open('tests/golden/voa_key_events.jsonl', 'w') as f:
    for o in out: f.write(json.dumps(o) + "\n")
