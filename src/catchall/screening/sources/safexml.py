"""Streaming, hardened XML reading for the list importers.

Official list files are plain XML without a DTD, so any DOCTYPE, entity declaration or external reference
is refused outright (defusedxml's parser with ``forbid_dtd``): that closes entity expansion ("billion
laughs") and external-entity (XXE) attacks without a size heuristic. Records are handed out one at a time
with the line they start on, so errors can name the element and line and memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from catchall.errors import InvalidInput

CHUNK = 1 << 16


def local(tag: str) -> str:
    """``{namespace}Name`` -> ``Name``: the lists change namespaces between releases, names stay."""
    return tag.rsplit("}", 1)[-1]


class _RecordTarget:
    """Expat handlers that build subtrees only for the record elements and queue them when complete.

    Installed directly on the defused expat parser (``ordered_attributes`` on, ``}`` namespace separator):
    skipping ElementTree's Python-level parser layer doubles the speed, while defusedxml's DTD, entity
    and external-reference guards stay installed on the same parser.
    """

    def __init__(self, records: frozenset[str], line: Callable[[], int]) -> None:
        self.records = records
        self.line = line  # the parser's current line
        self.builder: TreeBuilder | None = None
        self.depth = 0
        self.start_line = 0
        self.ready: list[tuple[Element, int]] = []
        self.root: str | None = None
        self.root_attrs: dict[str, str] = {}
        self.names: dict[str, str] = {}

    def _name(self, raw: str) -> str:
        name = self.names.get(raw)
        if name is None:
            name = self.names[raw] = local(raw)
        return name

    def start(self, tag: str, attrs: list[str]) -> None:
        name = self._name(tag)
        builder = self.builder
        if builder is None:
            if self.root is None:
                self.root = name
                self.root_attrs = {self._name(attrs[i]): attrs[i + 1] for i in range(0, len(attrs), 2)}
            if name not in self.records:
                return
            builder = self.builder = TreeBuilder()
            self.depth = 0
            self.start_line = self.line()
        self.depth += 1
        if attrs:
            builder.start(name, {self._name(attrs[i]): attrs[i + 1] for i in range(0, len(attrs), 2)})
        else:
            builder.start(name, {})

    def end(self, tag: str) -> None:
        builder = self.builder
        if builder is None:
            return
        builder.end(self._name(tag))
        self.depth -= 1
        if self.depth == 0:
            self.ready.append((builder.close(), self.start_line))
            self.builder = None

    def data(self, text: str) -> None:
        if self.builder is not None:
            self.builder.data(text)


class XmlRecords:
    """Iterate ``(element, line)`` for each element whose local name is in ``records`` (outermost only).

    After iteration ``root`` and ``root_attrs`` describe the document element (checked by importers to
    tell a wrong file type from a malformed one).
    """

    def __init__(
        self,
        path: Path,
        records: set[str] | frozenset[str],
        *,
        roots: set[str] | frozenset[str] = frozenset(),
        kind: str = "XML",
        label: str | None = None,
    ) -> None:
        self.path = path
        self.label = label or path.name
        self.records = frozenset(records)
        self.roots = frozenset(roots)
        self.kind = kind
        self.root: str | None = None
        self.root_attrs: dict[str, str] = {}

    def __iter__(self) -> Iterator[tuple[Element, int]]:
        parser = DefusedXMLParser(target=TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
        expat = parser.parser
        target = _RecordTarget(self.records, lambda: expat.CurrentLineNumber)
        expat.StartElementHandler = target.start
        expat.EndElementHandler = target.end
        expat.CharacterDataHandler = target.data
        try:
            with self.path.open("rb") as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    parser.feed(chunk)
                    if target.root is not None and self.root is None:
                        self.root, self.root_attrs = target.root, target.root_attrs
                        self._check_root()
                    if target.ready:
                        batch, target.ready = target.ready, []
                        yield from batch
                parser.close()
        except DefusedXmlException as exc:
            raise InvalidInput(
                f"{self.label} line {expat.CurrentLineNumber}: refused unsafe XML ({type(exc).__name__}: "
                "DTDs, entity declarations and external references are not allowed in list files)"
            ) from exc
        except ParseError as exc:
            line, col = exc.position
            raise InvalidInput(f"{self.label} line {line} column {col}: malformed XML ({_reason(exc)})") from exc
        self.root, self.root_attrs = target.root, target.root_attrs
        if self.root is None:
            raise InvalidInput(f"{self.label}: no XML content")
        self._check_root()
        yield from target.ready
        target.ready = []

    def _check_root(self) -> None:
        if self.roots and self.root not in self.roots:
            expected = " or ".join(f"<{r}>" for r in sorted(self.roots))
            raise InvalidInput(
                f"{self.label}: not a {self.kind} file (document element is <{self.root}>, expected {expected})"
            )


def _reason(exc: ParseError) -> str:
    msg = str(exc)
    return msg.split(":", 1)[0] if ":" in msg else msg


def text(el: Element | None, path: str | None = None) -> str | None:
    """Stripped text of ``el`` (or of its descendant at ``path``), None when empty."""
    if el is None:
        return None
    node = el.find(path) if path else el
    if node is None or node.text is None:
        return None
    value = node.text.strip()
    return value or None


def texts(el: Element, path: str) -> list[str]:
    out = []
    for node in el.findall(path):
        if node.text and node.text.strip():
            out.append(node.text.strip())
    return out
