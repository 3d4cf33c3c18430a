#!/usr/bin/env python3
"""Independent scan, nothing of the generator: each public header outside foreign/ is preprocessed alone by
clang (-E, -D__XEN_TOOLS__, x86_64 and aarch64); every `struct|union NAME {` of the output whose line marker
is in the tree counts as a named record (ring types that DEFINE_RING_TYPES expands are counted apart).
The generated Swift names each record it emits as "/// `struct NAME`" or "/// `union NAME`".
Usage: Scripts/scan-records.py HEADER_ROOT GENERATED_DIR...   (SCANV=1: the missing ones per header)"""
import os, re, subprocess, sys
from collections import Counter
root, gen = os.path.abspath(sys.argv[1]), sys.argv[2:]
# /usr/include/xen also holds Linux's own UAPI headers (linux-libc-dev: evtchn.h, gntalloc.h, gntdev.h,
# privcmd.h); they are no Xen header. Only libxen-dev's files count there.
own = None
if root == '/usr/include/xen':
    own = set(subprocess.run(['dpkg', '-L', 'libxen-dev'], capture_output=True, text=True).stdout.split())
headers = []
for d, _, fs in os.walk(root):
    rel = os.path.relpath(d, root)
    if rel.split(os.sep)[0] == 'foreign': continue
    headers += [os.path.normpath(os.path.join(rel, f)) for f in fs if f.endswith('.h')
                and (own is None or os.path.join(d, f) in own)]
named, ring = {}, {}
marker = re.compile(r'^# \d+ "([^"]+)"')
defn = re.compile(r'\b(struct|union)\s+([A-Za-z_]\w*)\s*\{')
for target in ['x86_64-linux-gnu', 'aarch64-linux-gnu']:
    for h in sorted(headers):
        src = '#include <stdint.h>\n#include <stddef.h>\n#include <linux/ioctl.h>\n#include "%s"\n' % h
        r = subprocess.run(['clang', '-E', '-target', target, '-ffreestanding', '-x', 'c', '-D__XEN_TOOLS__', '-I', root, '-'],
                           input=src, capture_output=True, text=True)
        cur = None
        for line in r.stdout.splitlines():
            m = marker.match(line)
            if m: cur = os.path.normpath(m.group(1) if os.path.isabs(m.group(1)) else os.path.join(root, m.group(1))); continue
            if not cur or not cur.startswith(root + '/'): continue
            rel = os.path.relpath(cur, root)
            if rel.startswith('foreign/') or (own is not None and cur not in own): continue
            for m in defn.finditer(line):
                name = m.group(2)
                (ring if re.search(r'_(sring|front_ring|back_ring)$', name) else named).setdefault(name, rel)
emitted = set()
for g in gen:
    for d, _, fs in os.walk(g):
        for f in fs:
            if f.endswith('.swift'):
                emitted.update(re.findall(r'^/// `(?:struct|union) ([A-Za-z_]\w*)`', open(os.path.join(d, f)).read(), re.M))
hit = sum(n in emitted for n in named)
rhit = sum(n in emitted for n in ring)
print(f"{sys.argv[1]}: named records {len(named)}, emitted {hit} ({100*hit/max(1,len(named)):.1f}%); ring types {len(ring)}, emitted {rhit}")
if os.environ.get('SCANV'):
    for h, k in Counter(named[n] for n in named if n not in emitted).most_common(): print(f"  {h}: {k}")
