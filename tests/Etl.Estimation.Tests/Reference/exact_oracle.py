# Exact oracle for PublishedExamplesTests: the Petersen and Cigar estimates in rational arithmetic
# (Python fractions on the decimal data as printed in the files), square roots in 40-digit decimals.
# Run from this folder: python3 exact_oracle.py. Conventions: reghdfe's CR1 factor G/(G-1)(N-1)/(N-K),
# K = slopes + constant + fixed-effect levels not nested in the cluster variable.
from fractions import Fraction as F
from decimal import Decimal, getcontext
getcontext().prec = 40
import sys
def dec(fr): return Decimal(fr.numerator) / Decimal(fr.denominator)
def sqrt(fr): return dec(fr).sqrt()
def fmt(d): return format(d, '.15g') if isinstance(d, Decimal) else format(dec(d), '.15g')

# ---- Petersen: y = a + b x, OLS
rows = [l.split() for l in open('petersen_test_data.txt') if l.strip()]
firm = [int(r[0]) for r in rows]; year = [int(r[1]) for r in rows]
x = [F(r[2]) for r in rows]; y = [F(r[3]) for r in rows]
n = len(y)
sx, sy = sum(x), sum(y); sxx = sum(v*v for v in x); sxy = sum(a*b for a, b in zip(x, y))
det = n*sxx - sx*sx
inv = [[sxx/det, -sx/det], [-sx/det, F(n)/det]]          # (X'X)^-1 for columns (1, x)
b = (n*sxy - sx*sy)/det; a = (sy - b*sx)/n
e = [yi - a - b*xi for xi, yi in zip(x, y)]
rss = sum(v*v for v in e)
print('petersen a', fmt(a), 'b', fmt(b))
s2 = rss/(n-2)
print('iid se a', fmt(sqrt(s2*inv[0][0])), 'se b', fmt(sqrt(s2*inv[1][1])))
def cluster(labels):
    g = {}
    for i, l in enumerate(labels):
        s = g.setdefault(l, [F(0), F(0)]); s[0] += e[i]; s[1] += x[i]*e[i]
    meat = [[sum(s[p]*s[q] for s in g.values()) for q in range(2)] for p in range(2)]
    G = len(g); q = F(G, G-1) * F(n-1, n-2)
    v = [[sum(inv[p][k]*meat[k][l]*inv[l][r] for k in range(2) for l in range(2)) * q for r in range(2)] for p in range(2)]
    return sqrt(v[0][0]), sqrt(v[1][1])
print('cluster firm', *map(fmt, cluster(firm)))
print('cluster year', *map(fmt, cluster(year)))

# ---- Cigar: sales ~ price + fe(state) [+ fe(year)]
rows = [l.strip().split(',') for l in open('cigar.csv').readlines()[1:] if l.strip()]
state = [int(r[0]) for r in rows]; yr = [int(r[1]) for r in rows]
price = [F(r[2]) for r in rows]; sales = [F(r[7]) for r in rows]
n = len(sales)
def means(v, lab):
    s, c = {}, {}
    for vi, l in zip(v, lab): s[l] = s.get(l, 0) + vi; c[l] = c.get(l, 0) + 1
    return {l: s[l]/c[l] for l in s}
def demean1(v, lab):
    m = means(v, lab); return [vi - m[l] for vi, l in zip(v, lab)]
def demean2(v):
    ms, mt, g = means(v, state), means(v, yr), sum(v)/len(v)
    return [vi - ms[s] - mt[t] + g for vi, s, t in zip(v, state, yr)]
def fit(xd, yd, clusters, k):
    sxx = sum(v*v for v in xd); b = sum(p*q for p, q in zip(xd, yd))/sxx
    e = [q - b*p for p, q in zip(xd, yd)]
    g = {}
    for i, l in enumerate(clusters): g[l] = g.get(l, 0) + xd[i]*e[i]
    G = len(g); q = F(G, G-1)*F(n-1, n-k)
    return b, sqrt(q*sum(s*s for s in g.values())/(sxx*sxx))
b1, se1 = fit(demean1(price, state), demean1(sales, state), state, 2)
print('cigar state fe: b', fmt(b1), 'se cluster state', fmt(se1))
b2, se2 = fit(demean1(price, state), demean1(sales, state), yr, 47)
print('cigar state fe: se cluster year', fmt(se2))
b3, se3 = fit(demean2(price), demean2(sales), state, 31)
print('cigar two-way: b', fmt(b3), 'se cluster state', fmt(se3))
