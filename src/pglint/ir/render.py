"""Text renderings of a CFG: compact edge lists (for tests), Graphviz dot and Mermaid (for people).

Node names are ``kind`` plus the node's label (``use client.query``) and, when a
name would repeat, ``@line``. With ``contract=True`` structural ``nop`` nodes are
skipped over so tests state only the edges that carry meaning; unreachable nodes
are never shown.
"""

from __future__ import annotations

from .cfg import Edge, EdgeKind, Ev, FunctionCFG, reachable


def _names(cfg: FunctionCFG, keep: set[int]) -> dict[int, str]:
    base: dict[int, str] = {}
    for nid in sorted(keep):
        n = cfg.nodes[nid]
        text = n.kind.value
        if n.label:
            text += " " + n.label
        elif n.var and n.kind not in (Ev.ENTRY, Ev.EXIT, Ev.RAISE_EXIT):
            text += " " + n.var
        base[nid] = text
    counts: dict[str, int] = {}
    for text in base.values():
        counts[text] = counts.get(text, 0) + 1
    names: dict[int, str] = {}
    seen: dict[str, int] = {}
    for nid, text in base.items():
        if counts[text] > 1:
            n = cfg.nodes[nid]
            suffix = f"@{n.span.line}" if n.span else f"#{nid}"
            cand = text + suffix
            seen[cand] = seen.get(cand, 0) + 1
            if seen[cand] > 1:
                cand += f"#{seen[cand]}"
            names[nid] = cand
        else:
            names[nid] = text
    return names


def _edge_text(e: Edge) -> str:
    text = e.kind.value
    if e.assume:
        text += " " + ",".join(("" if a.truthy else "!") + a.var for a in e.assume)
    return text


def contracted_edges(cfg: FunctionCFG) -> list[tuple[int, Edge]]:
    """Edges between meaningful nodes, with ``nop`` chains followed through.

    The kind and assumptions of the first edge out of the meaningful node are
    kept (a ``nop`` has only normal edges out unless it is a join, whose edges
    are all normal).
    """
    live = reachable(cfg)
    out: list[tuple[int, Edge]] = []
    for nid in sorted(live):
        n = cfg.nodes[nid]
        if n.kind is Ev.NOP:
            continue
        for e in n.succ:
            targets: list[int] = []
            stack, seen = [e.target], set()
            while stack:
                t = stack.pop()
                if t in seen:
                    continue
                seen.add(t)
                if cfg.nodes[t].kind is Ev.NOP:
                    stack.extend(x.target for x in cfg.nodes[t].succ)
                else:
                    targets.append(t)
            for t in sorted(targets):
                edge = Edge(t, e.kind, e.assume)
                if (nid, edge) not in out:
                    out.append((nid, edge))
    return out


def edge_list(cfg: FunctionCFG, contract: bool = True) -> list[str]:
    """``["entry f -normal-> call foo", ...]`` sorted, for tests."""
    live = reachable(cfg)
    if contract:
        edges = contracted_edges(cfg)
        keep = {s for s, _ in edges} | {e.target for _, e in edges}
    else:
        edges = [(n, e) for n in sorted(live) for e in cfg.nodes[n].succ]
        keep = set(live)
    names = _names(cfg, keep)
    return sorted(f"{names[s]} -{_edge_text(e)}-> {names[e.target]}" for s, e in edges)


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(cfg: FunctionCFG, contract: bool = False) -> str:
    edges = contracted_edges(cfg) if contract else [
        (n, e) for n in sorted(reachable(cfg)) for e in cfg.nodes[n].succ
    ]
    keep = {s for s, _ in edges} | {e.target for _, e in edges} | {cfg.entry}
    names = _names(cfg, keep)
    lines = [f'digraph "{_quote(cfg.name)}" {{', "  node [shape=box, fontname=monospace];"]
    for nid in sorted(keep):
        span = cfg.nodes[nid].span
        where = f"\\n{span}" if span else ""
        lines.append(f'  n{nid} [label="{_quote(names[nid])}{where}"];')
    for s, e in edges:
        style = ", style=dashed, color=red" if e.kind is EdgeKind.EXCEPTION else ""
        lines.append(f'  n{s} -> n{e.target} [label="{_quote(_edge_text(e))}"{style}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(cfg: FunctionCFG, contract: bool = False) -> str:
    edges = contracted_edges(cfg) if contract else [
        (n, e) for n in sorted(reachable(cfg)) for e in cfg.nodes[n].succ
    ]
    keep = {s for s, _ in edges} | {e.target for _, e in edges} | {cfg.entry}
    names = _names(cfg, keep)
    lines = ["flowchart TD"]
    for nid in sorted(keep):
        text = names[nid].replace('"', "#quot;")
        lines.append(f'  n{nid}["{text}"]')
    for s, e in edges:
        arrow = "-.->" if e.kind is EdgeKind.EXCEPTION else "-->"
        label = _edge_text(e).replace('"', "#quot;")
        lines.append(f'  n{s} {arrow}|"{label}"| n{e.target}')
    return "\n".join(lines) + "\n"
