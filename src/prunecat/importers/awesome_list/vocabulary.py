"""What the list's words mean. Ids come from the taxonomy; these tables only hold the list's own
phrasing of venues, tasks and titles (its section headings are in `sections`)."""

from __future__ import annotations

from ..core import JOURNALS, PREPRINTS  # noqa: F401  (the venue words every importer shares)

VENUE_FIXES = {"NIPS": "NeurIPS"}
VENUE_NOTES = {"best": "Best Paper", "spotlight": "Spotlight", "oral": "Oral"}

#: Task phrases of the APP column (lower case) -> task ids. Taxonomy task names and ids are
#: recognised too. Phrases not here become `other` and are reported.
TASK_PHRASES = {
    "image classification": ("image-classification",),
    "object detection": ("object-detection",),
    "detection": ("object-detection",),
    "segmentation": ("segmentation",),
    "semantic segmentation": ("segmentation",),
    "image segmentation": ("segmentation",),
    "image segmentation and detection": ("segmentation", "object-detection"),
    "human pose estimation": ("pose-estimation",),
    "pose estimation": ("pose-estimation",),
    "image style translation": ("image-generation",),
    "image synthesis": ("image-generation",),
    "image-image translation": ("image-generation",),
    "image-to-image translation": ("image-generation",),
    "domain translation": ("image-generation",),
    "style transfer": ("image-generation",),
    "image generation": ("image-generation",),
    "image generative": ("image-generation",),
    "super-resolution": ("super-resolution",),
    "super resolution": ("super-resolution",),
    "denoising": ("denoising",),
    "deraining": ("denoising",),
    "image deraining": ("denoising",),
    "image restoration": ("denoising",),
    "language modeling": ("language-modeling",),
    "causal language modeling": ("language-modeling",),
    "lanugage modeling": ("language-modeling",),
    "natural language understanding": ("language-understanding",),
    "language understanding": ("language-understanding",),
    "nlp classification": ("language-understanding",),
    "sentiment classification": ("language-understanding",),
    "natural language inference": ("language-understanding",),
    "recognizing textual entailment": ("language-understanding",),
    "pairwise semantic equivalence": ("language-understanding",),
    "question answering": ("question-answering",),
    "language translation": ("machine-translation",),
    "machine translation": ("machine-translation",),
    "speech recognition": ("speech",),
    "speach recognition": ("speech",),
    "audio": ("speech",),
    "continuous control": ("control",),
    "classic control": ("control",),
    "atari game": ("control",),
    "adversarial robustness": ("adversarial-robustness",),
    "vqa": ("vision-language",),
    "image captioning": ("vision-language",),
    "image caption": ("vision-language",),
    "image retrieval": ("vision-language",),
    "image-text retrieval": ("vision-language",),
    "vision-and-language": ("vision-language",),
    "3d image classification and object detection": ("3d", "object-detection"),
}
#: Phrases naming a whole field rather than a task: skipped (no task) and reported.
VAGUE_TASKS = {"cv", "nlp", "vision", "language", "computer vision", "natural language processing"}

#: Misspellings seen in the list, reported (never corrected: a title is the list's fact).
KNOWN_TYPOS = {
    "prunining": "Pruning",
    "nueral": "Neural",
    "reinitializating": "Reinitializing",
    "convets": "ConvNets",
    "statics": "Statistics?",
    "andarchitecture": "and Architecture",
    "lanugage": "Language",
    "speach": "Speech",
    "anthor": "Author",
}
#: Misspellings that only differ in case from a word.
KNOWN_CASE_TYPOS = {"SPecialized": "Specialized"}

STOP = set(
    """a an the on of towards toward to for in into with via and or is are do does how what whats
why when where which can we our your all from by at as be it its this that there no not one more
than""".split()
)
#: Words too common in this field to tell two titles apart when matching links to titles.
GENERIC = STOP | set(
    """pruning prune pruned neural network networks deep learning model models sparse
sparsity convolutional efficient training paper papers pdf html abs file files content openaccess cvf
proceedings conference com org www https http arxiv github tree master main blob forum""".split()
)
