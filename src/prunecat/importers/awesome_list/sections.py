"""The awesome-pruning list's sections: one table read by the importer (heading -> label) and by the
generator (label -> heading), so that `catalog export --format markdown` writes the headings that
`catalog import` reads back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    number: str  # the list's numbering, e.g. "1.1.1"
    name: str  # the heading's text without its numbering
    level: int  # Markdown heading level
    dimension: str  # entry field (or "survey")
    id: str  # taxonomy id ("true" for the survey flag)
    #: the importer knows this heading from the taxonomy's names already (settings, fusion categories)
    from_taxonomy: bool = False

    @property
    def heading(self) -> str:
        return f"{'#' * self.level} {self.number + ' ' if self.number else ''}{self.name}"


#: The list's sections, in the list's order (model sections sit under each `when` section, numbered
#: there). Taxonomy category and setting names are recognised by the importer too (see
#: `tables.heading_map`).
SECTIONS = (
    Section("1.1.1", "Pruning Before Training", 4, "when", "before-training"),
    Section("1.1.2", "Pruning During Training", 4, "when", "during-training"),
    Section("1.1.3", "Pruning After Training", 4, "when", "after-training"),
    Section("1.1.3.8", "Post Training", 5, "when", "post-training"),
    Section("1.1.4", "Pruning in Early Training", 4, "when", "early-training"),
    Section("1.2", "Dynamic Pruning", 3, "when", "run-time"),
    Section("2.1", "Continual learning", 3, "setting", "continual", from_taxonomy=True),
    Section("2.2", "Contrastive learning", 3, "setting", "contrastive", from_taxonomy=True),
    Section("2.3", "Federated learning", 3, "setting", "federated", from_taxonomy=True),
    Section("", "Pruning CNNs", 5, "model", "cnn"),
    Section("", "Pruning ViTs", 5, "model", "vit"),
    Section("", "Pruning BERTs", 5, "model", "bert"),
    Section("", "Pruning LLMs", 5, "model", "llm"),
    Section("", "Pruning Diffusion Models", 5, "model", "diffusion"),
    Section("", "Pruning Vision-and-Languages", 5, "model", "vision-language"),
    Section("", "Pruning Other Models", 5, "model", "other"),
    Section("4.1", "Pruning and Quantization", 3, "fusion", "quantization", from_taxonomy=True),
    Section("5.", "Survey of Pruning", 2, "survey", "true"),
)


def section(dimension: str, id_: str) -> Section:
    return next(s for s in SECTIONS if s.dimension == dimension and s.id == id_)


#: Headings of the list (numbering stripped, lower case) -> (dimension, id).
LIST_HEADINGS = {s.name.lower(): (s.dimension, s.id) for s in SECTIONS if not s.from_taxonomy}
