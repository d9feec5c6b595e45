"""Resource typestate over a CFG (stub; implementation in progress)."""
from __future__ import annotations
from dataclasses import dataclass
from ..ir.cfg import FunctionCFG, Node, Span

@dataclass(frozen=True, slots=True)
class WitnessStep:
    span: Span
    message: str

@dataclass(frozen=True, slots=True)
class ResourceFinding:
    kind: str  # "leak" | "double-release" | "open-transaction"
    function: FunctionCFG
    site: Node  # the acquire node
    at: Node  # primary node (acquire for leaks, the release for the others)
    message: str
    steps: tuple[WitnessStep, ...]

def analyse_resources(cfg: FunctionCFG) -> list[ResourceFinding]:
    return []
