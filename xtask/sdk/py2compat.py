"""Lets matrix_client 0.0.2 and requests 2.7.0, written for Python 2 (and Python 3 before
3.10), import on today's Python 3. Import it before either package. Nothing here changes
what goes on the wire; it only gives old names their new homes:

- matrix_client/api.py imports `urlparse` and calls `urllib.quote` and `unicode`;
- the urllib3 inside requests 2.7.0 imports `Mapping` and its kin from `collections`,
  which moved them to `collections.abc` (and dropped them from `collections` in 3.10).
"""
import builtins
import collections
import collections.abc
import sys
import urllib
import urllib.parse

for name in ("Callable", "Container", "Hashable", "Iterable", "Mapping", "MutableMapping",
             "MutableSequence", "MutableSet", "Sequence", "Set"):
    if not hasattr(collections, name):
        setattr(collections, name, getattr(collections.abc, name))
sys.modules.setdefault("urlparse", urllib.parse)
if not hasattr(urllib, "quote"):
    urllib.quote = urllib.parse.quote
if not hasattr(builtins, "unicode"):
    builtins.unicode = str
