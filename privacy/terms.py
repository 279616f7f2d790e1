"""Linear forms over the attacker's nodes, held as flat arrays.

A term counts a vector key of a node with a sign (see ``attacker``). A ``TermTable``
holds many forms at once: form r's terms are ``node[ptr[r]:ptr[r + 1]]`` (and the same
slice of ``key`` and ``sign``), the keys as codes into a vocabulary of key tuples. A big
city's model has about a million terms: as arrays they are gathered, split by
component and expanded into matrices by numpy, not one Python tuple at a time.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

Term = tuple[int, tuple, int]  # (node, vector key, sign)


def segment_index(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The indices ``starts[i] .. starts[i] + lengths[i] - 1`` of every segment, in order."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    before = np.cumsum(lengths) - lengths
    return np.repeat(np.asarray(starts, dtype=np.int64) - before, lengths) + np.arange(total)


class Terms:
    """One linear form: terms ``lo:hi`` of a table, read as ``(node, key tuple, sign)``.
    A view, so the model's many quantities and parts cost no copies."""

    __slots__ = ("table", "lo", "hi")

    def __init__(self, table: TermTable, lo: int, hi: int):
        self.table, self.lo, self.hi = table, lo, hi

    @property
    def node(self) -> np.ndarray:
        return self.table.node[self.lo:self.hi]

    @property
    def key(self) -> np.ndarray:
        return self.table.key[self.lo:self.hi]

    @property
    def sign(self) -> np.ndarray:
        return self.table.sign[self.lo:self.hi]

    def __len__(self) -> int:
        return self.hi - self.lo

    def __iter__(self) -> Iterator[Term]:
        vocab = self.table.vocabulary
        return iter([(n, vocab[k], s) for n, k, s in
                     zip(self.node.tolist(), self.key.tolist(), self.sign.tolist())])

    def __eq__(self, other) -> bool:
        if isinstance(other, (Terms, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"Terms({list(self)!r})"


@dataclass(eq=False)
class TermTable:
    """Many linear forms in one set of flat arrays (see the module text)."""

    ptr: np.ndarray  # int64, forms + 1
    node: np.ndarray  # int64
    key: np.ndarray  # int32, code into ``vocabulary``
    sign: np.ndarray  # int8
    vocabulary: tuple[tuple, ...]

    def __len__(self) -> int:
        return len(self.ptr) - 1

    @property
    def lengths(self) -> np.ndarray:
        return np.diff(self.ptr)

    def form(self, r: int) -> Terms:
        return Terms(self, int(self.ptr[r]), int(self.ptr[r + 1]))

    def forms(self) -> list[Terms]:
        """Every form, in order."""
        ptr = self.ptr.tolist()
        return [Terms(self, lo, hi) for lo, hi in zip(ptr[:-1], ptr[1:])]

    def take(self, rows: np.ndarray) -> TermTable:
        """The forms ``rows``, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        lengths = self.ptr[rows + 1] - self.ptr[rows]
        idx = segment_index(self.ptr[rows], lengths)
        return TermTable(_pointers(lengths), self.node[idx], self.key[idx], self.sign[idx],
                         self.vocabulary)


def _pointers(lengths: np.ndarray) -> np.ndarray:
    ptr = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=ptr[1:])
    return ptr


class TermBuilder:
    """Collects forms block by block; ``table()`` joins them in the order added."""

    def __init__(self, vocabulary: tuple[tuple, ...]):
        self.vocabulary = vocabulary
        self._blocks: list[tuple[np.ndarray, ...]] = []

    def add(self, lengths: np.ndarray, node: np.ndarray, key: np.ndarray, sign: np.ndarray
            ) -> None:
        """Forms of ``lengths`` terms each; their terms follow one another in ``node``."""
        self._blocks.append((np.asarray(lengths, dtype=np.int64), np.asarray(node, np.int64),
                             np.asarray(key, np.int32), np.asarray(sign, np.int8)))

    def add_segments(self, pool: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                     keys: np.ndarray, signs: np.ndarray, form_of: np.ndarray,
                     n_forms: int) -> None:
        """Forms made of runs of ``pool``: run i is ``pool[starts[i]:][:lengths[i]]``,
        counted with ``keys[i]`` and ``signs[i]`` in form ``form_of[i]`` (non-decreasing;
        a form's runs follow one another)."""
        lengths = np.asarray(lengths, dtype=np.int64)
        idx = segment_index(starts, lengths)
        keys, signs = np.broadcast_to(keys, lengths.shape), np.broadcast_to(signs, lengths.shape)
        self.add(np.bincount(form_of, weights=lengths, minlength=n_forms).astype(np.int64),
                 pool[idx], np.repeat(keys, lengths), np.repeat(signs, lengths))

    def table(self) -> TermTable:
        if not self._blocks:
            empty = np.zeros(0, dtype=np.int64)
            return TermTable(np.zeros(1, np.int64), empty, empty.astype(np.int32),
                             empty.astype(np.int8), self.vocabulary)
        lengths, node, key, sign = (np.concatenate(part) for part in zip(*self._blocks))
        return TermTable(_pointers(lengths), node, key, sign, self.vocabulary)
