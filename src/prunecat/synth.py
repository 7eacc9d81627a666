"""A deterministic synthetic catalog for benchmarks: `synth_catalog(10_000, Path("/tmp/synth"))`.

The entries look like the real catalog's: years skewed towards recent ones, a few big venues and a
long tail, BibTeX as Google Scholar gives it (some arXiv preprints, some LaTeX accents), labels on
every axis including sub-categories, `[none]` and unlabelled axes, granularity consistent with the
speedup label, model families that follow the years (LLMs from 2020 on), code links with
frameworks. The same `n` and `seed` always give the same files; every entry passes validation.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import re
import shutil
from pathlib import Path

from .bibtex import write_entry
from .entryfile import dump_entry
from .files import Batch, atomic_write
from .problems import UserError
from .taxonomy import load_taxonomy

_TAXONOMY = Path(__file__).resolve().parents[2] / "catalog" / "taxonomy.yml"
_LAST_YEAR = 2025  # fixed, so the output does not change with the date

# (short venue, full name, BibTeX type, weight)
_VENUES = [
    ("NeurIPS", "Advances in Neural Information Processing Systems", "inproceedings", 14),
    ("ICLR", "International Conference on Learning Representations", "inproceedings", 13),
    ("ICML", "International Conference on Machine Learning", "inproceedings", 9),
    ("CVPR", "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition", "inproceedings", 12),
    ("ICCV", "Proceedings of the IEEE/CVF International Conference on Computer Vision", "inproceedings", 5),
    ("ECCV", "European Conference on Computer Vision", "inproceedings", 5),
    ("AAAI", "Proceedings of the AAAI Conference on Artificial Intelligence", "inproceedings", 4),
    ("IJCAI", "Proceedings of the International Joint Conference on Artificial Intelligence", "inproceedings", 3),
    ("ACL", "Proceedings of the Annual Meeting of the Association for Computational Linguistics", "inproceedings", 3),
    ("EMNLP", "Proceedings of the Conference on Empirical Methods in Natural Language Processing", "inproceedings", 3),
    (
        "NAACL",
        "Proceedings of the North American Chapter of the Association for Computational Linguistics",
        "inproceedings",
        1,
    ),
    ("TPAMI", "IEEE Transactions on Pattern Analysis and Machine Intelligence", "article", 3),
    ("TNNLS", "IEEE Transactions on Neural Networks and Learning Systems", "article", 2),
    ("JMLR", "Journal of Machine Learning Research", "article", 1),
    ("MLSys", "Proceedings of Machine Learning and Systems", "inproceedings", 1),
    ("DAC", "Design Automation Conference", "inproceedings", 1),
    ("WACV", "Winter Conference on Applications of Computer Vision", "inproceedings", 1),
    ("BMVC", "British Machine Vision Conference", "inproceedings", 1),
    ("IJCV", "International Journal of Computer Vision", "article", 1),
    ("Neurocomputing", "Neurocomputing", "article", 1),
    ("arXiv", "", "article", 14),
]
# a long tail of workshops and small venues, each rare
_TAIL = [
    f"{topic} Workshop"
    for topic in (
        "Efficient Deep Learning",
        "Sparsity in Neural Networks",
        "Hardware-Aware ML",
        "On-Device Learning",
        "Green AI",
        "Model Compression",
        "Edge AI",
        "TinyML",
        "Practical ML",
        "Systems for ML",
        "Embedded Vision",
        "Low-Power Computer Vision",
        "Efficient NLP",
        "Resource-Constrained ML",
    )
]

_FIRST = (
    "Wei Yang Hao Jun Lei Xin Ming Li Jie Yu Chen Tao Kai Jing Lin Zhe Han Yi Rui Bo Anna Maria David "
    "Michael Sarah Thomas Julia Daniel Laura Peter Emma James Sophie Lukas Elena Marco Giulia Pablo "
    "Lucia Ahmed Fatima Omar Priya Rahul Ananya Arjun Kenji Yuki Haruto Sakura Minji Jisoo Hyun Seo "
    "Ivan Olga Dmitri Natalia Jonathan Alexander Nicholas Christopher Benjamin Samuel Victoria"
).split()
_LAST = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie "
    "Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Smith Johnson Brown Lee "
    "Kim Park Choi Jung Kang Tanaka Suzuki Sato Watanabe Gupta Sharma Singh Kumar Patel Garcia Martinez "
    "Rossi Bianchi Romano Novak Ivanov Petrov Schmidt Schneider Fischer Weber Meyer Wagner Becker "
    "Dubois Moreau Laurent Bernard Silva Santos Costa Nguyen Tran Pham Cohen Levi Frankle Carbin "
    "Hassibi Stork Molchanov Mallya Sanh Frantar Alistarh Hoefler Evci Gale Elsen Blalock"
).split()
_ACCENTED = [
    r"J{\"u}rgen M{\"u}ller",
    r"Fran{\c{c}}ois Lef{\`e}vre",
    r"Jos{\'e} Mar{\'\i}a G{\'o}mez",
    r"S{\o}ren Kierkeg{\aa}rd",
    r"Zo{\"e} Br{\"u}ckner",
    r"{\L}ukasz Kaiser",
]

_ADJ = (
    "Efficient Fast Scalable Accurate Robust Adaptive Dynamic Progressive Structured Sparse Lightweight "
    "Optimal Provable Simple Gradual Data-Free One-Shot Layer-Wise Global Differentiable Hardware-Aware "
    "Training-Free Zero-Shot Hessian-Aware Energy-Efficient Learnable Automatic Iterative Latency-Aware"
).split()
_OBJ = (
    "Channel Pruning",
    "Filter Pruning",
    "Weight Pruning",
    "Network Pruning",
    "Sparse Training",
    "Token Pruning",
    "Head Pruning",
    "Layer Dropping",
    "N:M Sparsity",
    "Lottery Tickets",
    "Model Compression",
    "Sparsification",
    "Neuron Pruning",
    "Block Pruning",
    "Structured Sparsity",
    "Dynamic Sparsity",
)
_TARGET = {
    "cnn": (
        "Convolutional Neural Networks",
        "Deep CNNs",
        "ResNets",
        "MobileNets",
        "Image Classifiers",
        "Object Detectors",
    ),
    "vit": ("Vision Transformers", "ViTs", "Swin Transformers"),
    "bert": ("BERT", "Pre-trained Language Models", "Transformer Encoders"),
    "llm": ("Large Language Models", "LLMs", "LLaMA", "Generative Pre-trained Transformers"),
    "diffusion": ("Diffusion Models", "Text-to-Image Diffusion", "Latent Diffusion Models"),
    "vision-language": ("Vision-Language Models", "CLIP", "Multimodal Transformers"),
    "other": ("Recurrent Neural Networks", "GANs", "Graph Neural Networks", "Deep RL Agents", "Speech Recognizers"),
}
_VIA = (
    "via Second-Order Information",
    "with Knowledge Distillation",
    "by Learning Masks",
    "Using Gradient Flow",
    "through Reinforcement Learning",
    "at Initialization",
    "without Retraining",
    "in One Shot",
    "with Sparse Kernels",
    "for Edge Devices",
    "under Latency Constraints",
    "by Connection Sensitivity",
    "with Rewinding",
    "Revisited",
    "at Scale",
    "in Minutes",
    "from Scratch",
    "via Meta-Learning",
    "with Hypernetworks",
    "Using Taylor Expansion",
    "by Lp-Norm Ranking",
    "in Federated Settings",
)
_TASKS = {
    "cnn": (
        "image-classification",
        "object-detection",
        "segmentation",
        "pose-estimation",
        "super-resolution",
        "denoising",
        "video",
        "3d",
    ),
    "vit": ("image-classification", "object-detection", "segmentation", "video"),
    "bert": ("language-understanding", "question-answering", "machine-translation"),
    "llm": ("language-modeling", "question-answering", "language-understanding"),
    "diffusion": ("image-generation",),
    "vision-language": ("vision-language", "image-classification"),
    "other": ("speech", "control", "image-generation", "other"),
}
_FRAMEWORKS = [
    ("pytorch", 70),
    ("tensorflow", 12),
    ("jax", 5),
    ("caffe", 4),
    ("mxnet", 2),
    ("paddle", 2),
    ("lua-torch", 1),
    ("other", 2),
]
# probability that an axis is labelled; of those, the probability of `[none]`
_LABELLED = {
    "speedup": (0.92, 0.0),
    "when": (0.85, 0.0),
    "criteria": (0.7, 0.05),
    "learn": (0.6, 0.55),
    "fusion": (0.55, 0.7),
}


def synth_catalog(n: int, root: Path, seed: int = 0) -> None:
    """Write a catalog of `n` synthetic papers to `root` (taxonomy.yml + papers/<key>.yml).

    `root/papers` is emptied first, so the result depends only on `n` and `seed`.
    """
    root = Path(root)
    papers = root / "papers"
    if papers.is_symlink() or (papers.exists() and not papers.is_dir()):
        raise UserError(f"{papers} is not a folder; give a new or empty folder")
    if papers.exists():
        shutil.rmtree(papers)
    batch = Batch(n, "synthetic entries", show=lambda path: str(path.relative_to(root)))
    with batch:  # Ctrl-C or a failure anywhere says how many entries were written
        papers.mkdir(parents=True)
        atomic_write(root / "taxonomy.yml", _TAXONOMY.read_text(encoding="utf-8"), root=root)
        taxonomy = load_taxonomy(root / "taxonomy.yml")
        _write_papers(n, papers, taxonomy, rng=random.Random(seed), batch=batch)


def _write_papers(n: int, papers: Path, taxonomy, *, rng: random.Random, batch: Batch) -> None:
    authors = _author_pool(rng, max(50, n // 2))
    keys: set[str] = set()
    titles: set[str] = set()
    arxiv_ids: set[str] = set()
    years = list(range(1989, _LAST_YEAR + 1))
    year_weights = [1.0 if y < 2015 else 1.35 ** (y - 2014) for y in years]
    tail_venues = [(name, name, "inproceedings", 0.15) for name in _TAIL]
    venues = _VENUES + tail_venues
    for _ in range(n):
        year = rng.choices(years, year_weights)[0]
        short, full, kind, _w = rng.choices(venues, [v[3] for v in venues])[0]
        model = _model(rng, year)
        title = _unique_title(rng, model, titles)
        names = [
            _pick_author(rng, authors)
            for _ in range(rng.choices((1, 2, 3, 4, 5, 6, 8, 12), (3, 12, 20, 22, 17, 12, 8, 3))[0])
        ]
        names = list(dict.fromkeys(names))
        key = _unique_key(names[0], year, title, keys)
        fields = [("title", title), ("author", " and ".join(names))]
        arxiv = ""
        if short == "arXiv" or rng.random() < 0.35:
            while not arxiv or arxiv in arxiv_ids:
                arxiv = f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(1, 29999):05d}"
            arxiv_ids.add(arxiv)
        if short == "arXiv":
            fields += [("journal", "arXiv preprint arXiv:" + arxiv)]
        elif kind == "article":
            fields += [("journal", full), ("volume", str(rng.randint(1, 46))), ("pages", _pages(rng))]
        else:
            fields += [("booktitle", full), ("pages", _pages(rng))]
        fields.append(("year", str(year)))
        if arxiv:
            fields += [("eprint", arxiv), ("archiveprefix", "arXiv")]
            fields.append(("url", "https://arxiv.org/abs/" + arxiv))
        elif rng.random() < 0.6:
            fields.append(("url", "https://openreview.net/forum?id=" + _token(rng, 10)))
        entry_type = "article" if kind == "article" else "inproceedings"
        bib = write_entry(entry_type, key, fields)
        data = {"bibtex": bib, "venue": short}
        if rng.random() < 0.05 and short != "arXiv":
            data["venue_note"] = rng.choice(("Oral", "Spotlight", "Best Paper", "Top 5%"))
        if rng.random() < 0.55:
            data["algorithm"] = _algorithm(rng)
        data.update(_labels(rng, taxonomy, model, year))
        data["model"] = [model] + ([rng.choice([m for m in _TARGET if m != model])] if rng.random() < 0.08 else [])
        tasks = _TASKS[model]
        data["task"] = sorted(
            set(rng.sample(tasks, k=min(len(tasks), rng.choice((1, 1, 1, 2, 2, 3))))), key=tasks.index
        )
        if rng.random() < 0.06:
            data["setting"] = [rng.choice(("continual", "contrastive", "federated"))]
        data["survey"] = rng.random() < 0.02
        data["pioneer"] = rng.random() < 0.03
        if rng.random() < 0.45 + 0.02 * max(0, year - 2015):
            data["code"] = [
                {
                    "url": f"https://github.com/{_slug(names[0].split()[-1])}{rng.randint(1, 999)}/{_slug(data.get('algorithm') or title.split()[0])}",
                    "framework": rng.choices([f for f, _ in _FRAMEWORKS], [w for _, w in _FRAMEWORKS])[0],
                    "official": rng.random() < 0.85,
                }
            ]
            if rng.random() < 0.07:
                data["code"].append(
                    {
                        "url": f"https://github.com/thirdparty{rng.randint(1, 99)}/{_slug(title.split()[-1])}-{rng.randint(1, 999)}",
                        "framework": "pytorch",
                        "official": False,
                    }
                )
        data["added"] = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 600))
        batch.write(papers / f"{key}.yml", dump_entry(data), new=True)


# ---------------------------------------------------------------------------------------------
# Helpers


def _author_pool(rng: random.Random, size: int) -> list[str]:
    pool = set(_ACCENTED)
    # first x last names run out past ~12,000 authors (a 24,000-paper catalog); then middle initials
    plain = int(len(_FIRST) * len(_LAST) * 0.8)
    while len(pool) < size:
        if len(pool) < plain:
            pool.add(f"{rng.choice(_FIRST)} {rng.choice(_LAST)}")
        else:
            pool.add(f"{rng.choice(_FIRST)} {rng.choice(string.ascii_uppercase)}. {rng.choice(_LAST)}")
    return sorted(pool)


def _pick_author(rng: random.Random, pool: list[str]) -> str:
    # a few prolific authors, a long tail (Zipf-like)
    i = int(len(pool) * rng.random() ** 2.2)
    return pool[min(i, len(pool) - 1)]


def _model(rng: random.Random, year: int) -> str:
    if year < 2018:
        choices = {"cnn": 85, "other": 15}
    elif year < 2020:
        choices = {"cnn": 65, "bert": 15, "other": 10, "vit": 2}
    elif year < 2022:
        choices = {"cnn": 45, "bert": 15, "vit": 15, "llm": 8, "other": 10, "vision-language": 4, "diffusion": 3}
    else:
        choices = {"cnn": 20, "bert": 8, "vit": 15, "llm": 35, "other": 6, "vision-language": 9, "diffusion": 7}
    return rng.choices(list(choices), list(choices.values()))[0]


def _unique_title(rng: random.Random, model: str, seen: set[str]) -> str:
    while True:
        title = f"{rng.choice(_ADJ)} {rng.choice(_OBJ)} for {rng.choice(_TARGET[model])} {rng.choice(_VIA)}"
        if rng.random() < 0.3:
            title = f"{rng.choice(_ADJ)} and {title}"
        if rng.random() < 0.25:
            title = f"{_algorithm(rng)}: {title}"
        norm = re.sub(r"[^a-z0-9]+", "", title.lower())
        if norm not in seen:
            seen.add(norm)
            return title


def _unique_key(first_author: str, year: int, title: str, seen: set[str]) -> str:
    family = _slug(first_author.split()[-1].replace("\\", "")) or "anon"
    word = next((_slug(w) for w in re.split(r"[^A-Za-z]+", title) if len(w) > 3), "paper")
    base = f"{family}{year}{word}"[:70]
    key, i = base, 1
    while key in seen:
        i += 1
        key = f"{base}-{i}"
    seen.add(key)
    return key


def _labels(rng: random.Random, taxonomy, model: str, year: int) -> dict:
    out: dict = {}
    for axis in taxonomy.axes:
        p_labelled, p_none = _LABELLED[axis.id]
        if rng.random() >= p_labelled:
            continue
        if rng.random() < p_none:
            out[axis.id] = ["none"]
            continue
        ids = list(axis.ids())
        if axis.id == "when" and model == "llm" and rng.random() < 0.6:
            chosen = ["post-training"]
        else:
            k = 1 if rng.random() < 0.8 else 2
            chosen = rng.sample(ids, k=min(k, len(ids)))
            # a sub-category already counts for its parent: never list both
            chosen = [c for c in chosen if not any(axis.category(o).parent == c for o in chosen)]
        out[axis.id] = sorted(chosen, key=ids.index)
    speedup = out.get("speedup", [])
    grans = [
        v.id for v in taxonomy.facet("granularity").values if (v.speedup in speedup) or (not speedup and v.speedup)
    ]
    if grans and rng.random() < 0.85:
        out["granularity"] = sorted(
            set(rng.sample(grans, k=1 if rng.random() < 0.85 else min(2, len(grans)))),
            key=[v.id for v in taxonomy.facet("granularity").values].index,
        )
    return out


def _algorithm(rng: random.Random) -> str:
    letters = "ABCDEFGHIKLMNOPRSTUVW"
    name = "".join(rng.choice(letters) for _ in range(rng.randint(2, 5)))
    return name + rng.choice(("", "", "", "Net", "-Prune", "++", "v2"))


def _pages(rng: random.Random) -> str:
    start = rng.randint(1, 12000)
    return f"{start}--{start + rng.randint(6, 14)}"


def _token(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
