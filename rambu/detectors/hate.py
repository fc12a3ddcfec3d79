"""Shared mechanism of rules 1 and 2: hate against a protected target, decided by probability.

The rule's text classifier gives a calibrated probability; the word lists
give the evidence (a target, hostility aimed at it, a hateful phrase), the
context (news, condemnation, scripture, reported speech, a question, a joke)
and the explanation. `rambu.classify.rulescore.RuleScorer` combines the two
into one probability with weights fitted by cross-validation. A finding is
confirmed only where that probability reaches the confirm point, the
classifier itself leans to hate and the text shows explicit evidence; a band
below goes to review; below that, nothing. A word match alone never
confirms a violation.

Subclasses are data: their lists (targets, hostile, hateful), the classifier
label they read, and the Indonesian wording of the explanation.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import ClassVar, Iterable, Mapping

from .. import display
from ..analysis import Analysis, TextField
from ..classify.rulescore import DISTANCING, RuleScorer
from ..results import field_label
from ..text.lexicon import Match
from ..text.normalize import split_handle
from ..text.sentences import asked_sentences, sentence_ids
from .base import Candidate, Detector
from .hate_grammar import PlainGrammar, _equated, _negated, _overlap, _suffered
from .hate_lists import (ANIMALS, CONTEXT_LISTS, INSULT_AFTER, INSULT_BEFORE, LITERAL, NAMING_IDIOM_AFTER,
                         NAMING_IDIOM_BEFORE, QUOTE_BLOCK_RE, QUOTED_RE)


@dataclass(frozen=True, slots=True)
class HateEvidence:
    """What the word lists found in one field (no classifier involved)."""

    targets: tuple[Match, ...]
    pairs: tuple[tuple[Match, Match], ...]  # (target, hostile word aimed at it)
    hateful: tuple[Match, ...]
    features: Mapping[str, float]
    context: tuple[tuple[str, str], ...] = ()  # (feature, the words that showed it)
    # hate said so plainly that a reviewer should see it whatever the model learnt: advocacy said as a call
    # ("Indonesia harus jadi negara Islam"), an insult equated with a target ("Pemkot = tukang bohong")
    plain: tuple[Match, ...] = ()
    opposed: tuple[Match, ...] = ()  # advocacy terms the text rejects ("tolak khilafah", "jangan dukung khilafah")

    @property
    def explicit(self) -> bool:
        """Hate said in words: a hateful phrase, a non-weak hostile word aimed at a target, or a plain call."""
        return bool(self.hateful or self.plain) or any(h.label != "weak" for _, h in self.pairs)

    @property
    def strong(self) -> bool:
        """Hate in the strongest words: a hateful phrase, a strong insult at a target, or a call to violence."""
        return any(self.features.get(name) for name in ("hateful", "pair_strong", "violence"))

    @property
    def distanced(self) -> bool:
        """Context puts the words at a distance: news, condemnation, scripture, quotes, reported speech..."""
        return any(self.features.get(name) for name in DISTANCING)

    @property
    def violent(self) -> bool:
        return bool(self.features.get("violence"))


class HateDetector(PlainGrammar, Detector):
    """Rules 1 and 2. Subclasses set lists (targets, hostile, hateful) and the explanation."""

    target_noun: ClassVar[str] = "sasaran"
    window: ClassVar[int] = 7
    needs = ("classifier",)
    # lists read a token at a time (`_single_words`), each kept as an attribute of the same name
    word_sets: ClassVar[tuple[str, ...]] = (
        "call_links", "dismiss_links", "call_openers", "violent_links", "predicate_links", "named_before", "restating",
        "clause_openers", "wishing", "takfir", "places", "spatial", "exclusion_links", "withheld", "topic_particles")
    call_links: frozenset[str]
    dismiss_links: frozenset[str]
    call_openers: frozenset[str]
    violent_links: frozenset[str]
    predicate_links: frozenset[str]
    named_before: frozenset[str]
    restating: frozenset[str]
    clause_openers: frozenset[str]
    wishing: frozenset[str]
    places: frozenset[str]
    spatial: frozenset[str]
    exclusion_links: frozenset[str]
    withheld: frozenset[str]
    topic_particles: frozenset[str]
    naming_their_object: ClassVar[frozenset[str]] = frozenset()  # exclusion calls that never point back
    # Words that declare the state or its foundations unbelieving ("pemerintah kafir", "negara thaghut"): a
    # hateful phrase holding one, said undistanced, is plain (rule 1; rule 2's hateful phrases are slurs that clean
    # posts quote and banter with: out-of-fold, 18 clean posts for 5 hateful ones, so the model decides there)
    takfir: frozenset[str]
    # "pengajian" is not "kajian", "terlambat" is not "lambat"; titles are exact words; so are the token sets
    exact_lists = ("education", "criticism", "honorifics", "naming", "question_words", "scripture", "conjunctions",
                   "hedges", "calling", "foreign", "foundations", "dismissing", "violent_calls", "innate", "excluding", "expelling",
                   "sent_away",
                   *word_sets)
    # hostility matches inflected verbs ("dibakar", "usirlah"), not derived words ("tergantung", "penjajahan");
    # so do verbs of saying ("meneriakinya", "menyebutnya", "dibilangin")
    verbal_lists = ("hostile", "hateful", "violence", "reporting", "name_calling", "rejecting", "advocacy",
                    "violent_predicates")
    # a call to violence that leaves its object out points back at the group named before ("Orang Madura ...
    # Usir aja dari kota kita"); rule 1's state and foundations are rarely that object ("... rusak Indonesia.
    # Bantai aja" means the people named before them), so rule 1 sets this off
    objects_named_before: ClassVar[bool] = True
    not_people: ClassVar[frozenset[str]] = frozenset()  # target labels a personal pronoun cannot point back to
    locative_labels: ClassVar[tuple[str, ...]] = ()  # targets that are only places after "dari", "ke", "di"

    def setup(self, resources) -> None:
        clf = resources.classifier
        scorer = clf.rule_scorer(self.key) if clf is not None and hasattr(clf, "rule_scorer") else None
        self.scorer: RuleScorer = scorer or RuleScorer.lexical(self.key)
        cfg = resources.config
        if cfg.get(f"{self.key}.threshold") is None:
            self.report_threshold = self.scorer.review
        if cfg.get(f"{self.key}.violation_threshold") is None:
            self.violation_threshold = self.scorer.confirm
        self.model_agreement = float(cfg.get(f"{self.key}.model_agreement", 0.5))
        for name in self.word_sets:
            setattr(self, name, self._single_words(name))
        self.subject_words = self.predicate_links | self.restating  # what an insult pinned on a group needs

    def _single_words(self, name: str) -> frozenset[str]:
        """A list's one-word terms, for testing tokens in a run one by one (the rule may lack the list)."""
        links = self.terms.get(name)
        return frozenset(w[0] for w in links.exact if len(w) == 1) if links else frozenset()

    # ------------------------------------------------------------------ hooks
    def evaluate(self, doc: Analysis, fields: Iterable[TextField]) -> list[Candidate]:
        """Candidates at or above the review point on the given fields (rule 3 reads targets with it)."""
        return [c for f in fields for c in self.detect_field(doc, f) if c.confidence >= self.report_threshold]

    def detect(self, doc: Analysis):
        own = doc.own()
        framing = self._framing(own) if any(f.path.startswith("media") for f in own) else None
        for f in own:
            yield from self.detect_field(doc, f, framing if f.path.startswith("media") else None)

    def _framing(self, own: tuple[TextField, ...]) -> tuple[str, str] | None:
        """The author's caption condemning or reporting what their picture or video shows ("screenshot ini saya
        laporkan, jangan ditiru"): that media's words are at a distance, as a share's are."""
        for f in own:
            if not f.path.startswith("media"):
                for name in ("condemn", "news"):
                    m = next(iter(self.find(name, f)), None)
                    if m is not None:
                        return name, m.term
        return None

    def detect_field(self, doc: Analysis, f: TextField, framing: tuple[str, str] | None = None) -> Iterable[Candidate]:
        if not f.doc.word_index[0]:
            return
        logits = doc.logits(f) if self.scorer.source == "model" else {}
        z = logits.get(self.key)
        lean = self._lean(doc, f) if z is not None and self.scorer.floor is not None else None
        if z is not None and not doc.draft and not self.scorer.could_reach(self.report_threshold, z, logits) and \
                not (lean is not None and lean >= self.scorer.floor) and not self._may_be_plain(f):
            return  # no word in any list could lift it to review: the lists need not be read
        ev = self.lexical(f)
        if framing is not None and not ev.features.get(framing[0]):
            ev = replace(ev, features=MappingProxyType({**ev.features, framing[0]: 1.0}),
                         context=ev.context + (framing,))
        if z is None and not (ev.hateful or ev.pairs or ev.plain):
            return  # without a model only words can raise a question
        if ev.opposed and not ev.explicit:
            return  # it rejects what it names and says nothing hostile besides: loyalty, whatever the model reads
        p, steps = self.scorer.score(ev.features, z, logits)
        scored = p  # only the score itself can confirm: the lifts below are for review (the points may coincide)
        if p < self.scorer.review and ev.strong and self.scorer.floors(ev.features, ev.strong, lean):
            p = self.scorer.review  # the model's review point: an operator's stricter threshold still filters
            steps += (f"kata kebencian yang keras tanpa konteks pembeda, dan model klasifikasi condong "
                      f"({display.score(lean)}): diajukan untuk ditinjau ({display.score(p)})",)
        if p < self.scorer.review and ev.plain and not ev.distanced:
            p = self.scorer.review  # the model learnt from one data set's posts; plain words need no model
            steps += (f"pernyataan yang gamblang (“{ev.plain[0].term}”: ajakan, penolakan dasar negara, atau "
                      f"persamaan dengan makian) tanpa konteks pembeda, walau model tidak condong: diajukan untuk "
                      f"ditinjau ({display.score(p)})",)
        if p < self.report_threshold and doc.draft and ev.explicit and not ev.distanced:
            p = self.report_threshold
            steps += ("pemeriksaan draf sebelum diunggah: kata kebencian yang eksplisit selalu ditandai agar ditinjau "
                      f"penulisnya, walau model tidak condong ({display.score(p)})",)
        if p < self.report_threshold:
            return
        pm = self.scorer.model_probability(z)
        agree = pm is not None and pm >= self.model_agreement
        confirm = ev.explicit and not ev.distanced and agree and scored >= self.violation_threshold
        if not confirm and scored >= self.violation_threshold:
            why = ("tidak ada kata kebencian yang eksplisit" if not ev.explicit
                   else "kata kebencian disampaikan berjarak (berita, kecaman, kutipan, atau ucapan orang lain)"
                   if ev.distanced else "model klasifikasi tidak sependapat" if pm is not None
                   else "tanpa model klasifikasi")
            steps += (f"perlu tinjauan: {why}",)
        matches = list(ev.hateful) + list(ev.plain) + [x for pair in ev.pairs[:3] for x in pair]
        spans = [(m.first, m.last) for m in _outermost(matches)]
        if not spans:
            spans = [(t.first, t.last) for t in ev.targets[:1]] + self._model_words(doc, f)
        evidence = tuple(self.evidence(f, a, b) for a, b in sorted(set(spans)))
        named = sorted({self.describe(t) for t, _ in ev.pairs} | {self.describe(m) for m in ev.hateful}) or \
            [self.describe(t) for t in ev.targets[:1]]
        quote = "; ".join(f"“{e.quote}”" for e in evidence[:3])
        yield Candidate(
            confidence=min(p, 0.99), evidence=evidence,
            explanation=self.explain(named, quote, field_label(f.path)),
            score_detail=steps, needs_review=not confirm,
            extra=(("targets", named), ("violence", ev.violent), ("model_probability", None if pm is None else round(pm, 3))),
        )

    def probability(self, doc: Analysis, f: TextField) -> float:
        """The rule's score for one field, whatever the thresholds (`rambu classify`)."""
        if not f.doc.word_index[0]:
            return 0.0
        logits = doc.logits(f) if self.scorer.source == "model" else {}
        return self.scorer.score(self.lexical(f).features, logits.get(self.key), logits)[0]

    # --------------------------------------------------------------- lexical
    def lexical(self, f: TextField) -> HateEvidence:
        """Targets, hostility aimed at them, hateful phrases and context: the features of the score."""
        toks = f.doc.tokens
        words = f.doc.word_index[0]
        pos = _positions(f)
        sentence = sentence_ids(f.doc)
        negated = {m.last for m in self.find("negators", f)}
        names: list[Match] = []
        targets: list[Match] = []
        titles: set[int] | None = None  # last tokens of honorifics, found once per field (not per target)
        named = self.find("targets", f)
        foreign = {m.first for m in self.find("foreign", f)} if "foreign" in self.terms else set()
        given = self._given_names(f, sentence)
        for t in named + self._handle_targets(f):
            if self._locative(t, f) or self._foreign(t, f, foreign):
                continue
            if titles is None and t.first > 0:
                titles = {m.last for m in self.find("honorifics", f)}
            (names if t.first in given or self._is_name(t, f, titles or set()) else targets).append(t)
        hostile = [m for m in self.find("hostile", f) if not _negated(m, negated, f)]
        hateful = [m for m in self.find("hateful", f) if not _negated(m, negated, f) and m.first not in given]
        advocacy = [a for a in self.find("advocacy", f) if a.first not in given] if "advocacy" in self.terms else []
        clause = self._clause(f, sentence) if advocacy else None
        opposed = self._opposed(f, pos, negated, advocacy, clause)
        if opposed:
            hostile = [m for m in hostile if not any(_overlap(m, a) for _, a in opposed)]
            hateful = [m for m in hateful if not any(_overlap(m, a) for _, a in opposed)]
        asked = asked_sentences(f.doc, sentence, tags=True)
        calls = self._called(f, pos, sentence, asked, negated, opposed, advocacy, clause, {t.first for t in named})
        short = len(words) <= 14
        # a forum reply's quote is someone else's words: a target in it and a word of the reply do not pair
        blocks = [(m.start(), m.end()) for m in QUOTE_BLOCK_RE.finditer(f.doc.original)] \
            if "[" in f.doc.original else []

        def block(m: Match) -> int:
            at = toks[m.first].start
            return next((k for k, (a, b) in enumerate(blocks) if a <= at < b), -1)
        pairs: list[tuple[Match, Match]] = []
        # only hostile words within the window of a target are candidates: a sorted search, not every pair
        # (a long OCR text has thousands of each)
        order = sorted(range(len(hostile)), key=lambda j: pos.get(hostile[j].first, 0))
        at = [pos.get(hostile[j].first, 0) for j in order]
        for t in targets:
            p = pos.get(t.first, 0)
            near = range(len(order)) if short else range(bisect_left(at, p - self.window),
                                                          bisect_right(at, p + self.window))
            for j in sorted(order[k] for k in near):
                h = hostile[j]
                if h.term == t.term or (h.first <= t.first and t.last <= h.last):
                    continue  # one word is not both the group and the insult ("kafir ... kafir")
                if h.term in ANIMALS and not _insulting_animal(h, t, f, pos, words):
                    continue
                if (short or sentence[h.first] == sentence[t.first]) and (not blocks or block(t) == block(h)):
                    pairs.append((t, h))
        evidence_matches = hateful + [x for p in pairs for x in p]
        taken = [(toks[m.first].start, toks[m.last].end) for m in evidence_matches]
        feats: dict[str, float] = {}
        shown: list[tuple[str, str]] = []

        def flag(name: str, why: str = "") -> None:
            if name not in feats:
                feats[name] = 1.0
                if why:
                    shown.append((name, why))

        if hateful:
            flag("hateful", hateful[0].term)
        if pairs:
            if any(h.label != "weak" for _, h in pairs):
                flag("pair", pairs[0][1].term)
                if any(h.label == "strong" for _, h in pairs):
                    flag("pair_strong")
            else:
                flag("pair_weak", pairs[0][1].term)
            firsts = sorted({t.first for t, _ in pairs})
            general = [m for m in self.find("generalising", f)
                       if bisect_right(firsts, m.first + 8) > bisect_left(firsts, m.first - 8)]
            if general:
                flag("generalising", general[0].term)
        elif any(h.label == "strong" for h in hostile):
            flag("insult")
        if targets:
            flag("target")
        if names and not targets:
            flag("name", names[0].term)
        # violence the group suffers is reported, not called for ("umat Hindu tuh diserang terus")
        violent = [m for m in self.find("violence", f) if not _negated(m, negated, f) and not _suffered(f, m)]
        if violent and evidence_matches and any(_overlap(v, m) for v in violent for m in evidence_matches):
            flag("violence", violent[0].term)

        def outside(list_name: str) -> Match | None:  # context words inside the evidence itself do not count
            for m in self.find(list_name, f):
                a, b = toks[m.first].start, toks[m.last].end
                if not any(s <= a and b <= e for s, e in taken):
                    return m
            return None

        if opposed:
            flag("condemn", opposed[0][0].term)
        for feature in ("news", "condemn", "education", "scripture", "tolerance", "criticism"):
            m = outside(feature)
            if m is not None:
                flag(feature, m.term)
        if self.find("laughter", f):
            flag("joke")
        # only evidence can stand in quotes: without any, the text is not scanned for them
        quoted = [(m.start(), m.end()) for m in QUOTED_RE.finditer(f.doc.original)] + blocks if taken else []
        if taken and quoted and all(any(a <= s and e <= b for a, b in quoted) for s, e in taken):
            flag("quoted")
        first = min((m.first for m in evidence_matches), default=None)
        if self._asks(f, sentence, asked, first):
            flag("question")
        # the slur itself is what a verb of saying or calling reports ("masih manggil tetangganya cina kafir"),
        # even when a milder hostile word stands before it
        gravest = min((m.first for m in hateful + [h for _, h in pairs if h.label == "strong"]), default=first)
        if first is not None:
            # a negated wish is a call, not someone's wish reported ("jangan pernah mau dipimpin kafir")
            rep = [m for e, name in ((first, "reporting"), (gravest, "name_calling")) for m in self.find(name, f)
                   if m.last < e and sentence[m.last] == sentence[e] and pos.get(e, 0) - pos.get(m.last, 0) <= 6
                   and not (m.term in self.wishing and _negated(m, negated, f))]
            if rep:
                flag("reported", rep[-1].term)
        said = hateful + [h for _, h in pairs]
        if said and "reported" not in feats:
            hedge = self._hedged(f, sentence, said, advocacy)
            if hedge is not None:
                flag("reported", hedge.term)  # "HTI dibubarkan karena ingin mengganti Pancasila dengan khilafah"
        equated = [h for t, h in pairs if h.label != "weak" and _equated(f, t, h)]
        stated_pairs = [(t, h) for t, h in pairs if h.label != "weak" and sentence[h.first] not in asked]
        if stated_pairs:  # an insult pinned on the group, or said to be inborn in it, in a sentence that does not ask
            general = {m.first for m in self.find("generalising", f)}
            equated += [h for t, h in stated_pairs if h not in equated and self._pinned(f, t, h, general)]
            equated += [h for t, h in stated_pairs if h not in equated and self._innate(f, h, sentence)]
        dismissed = self._dismissed(f, sentence, asked, negated, targets, clause)
        threats = self._threatened(f, sentence, asked, negated, targets) if targets else []
        threats += self._excluded(f, sentence, asked, targets) if targets and "excluding" in self.terms else []
        stated = [m for m in hateful if sentence[m.first] not in asked and not self.takfir.isdisjoint(m.term.split())
                  and not self._said_by_others(f, m, sentence, pos)] if self.takfir else []
        return HateEvidence(tuple(targets), tuple(pairs), tuple(hateful), MappingProxyType(feats), tuple(shown),
                            tuple(calls + equated + dismissed + threats + stated), tuple(a for _, a in opposed))

    def _may_be_plain(self, f: TextField) -> bool:
        """The text names an advocacy term (rule 1's khilafah, secession...), a dismissal or writes an
        equation: it may be a call, a foundation dismissed or an insult equated with a target."""
        return ("calling" in self.terms and bool(self.find("advocacy", f))) or bool(self.find("innate", f)) or \
            ("excluding" in self.terms and any(self.find(name, f) for name in ("excluding", "expelling", "sent_away"))) or \
            (bool(self.takfir) and bool(self.find("hateful", f))) or \
            ("dismissing" in self.terms and bool(self.find("dismissing", f))) or "=" in f.doc.original or \
            bool(self.find("violent_calls", f) or self.find("violent_predicates", f)) or \
            (not self.subject_words.isdisjoint(f.doc.word_index[1]) and self._may_be_pinned(f))

    def _may_be_pinned(self, f: TextField) -> bool:
        """A strong hostile word, or a milder one with a word that generalises or a topic particle
        (`PlainGrammar._pinned`)."""
        hostile = self.find("hostile", f)
        return any(h.label == "strong" for h in hostile) or \
            (any(h.label != "weak" for h in hostile) and
             (bool(self.find("generalising", f)) or not self.topic_particles.isdisjoint(f.doc.word_index[1])))

    def _asks(self, f: TextField, sentence: list[int], asked: frozenset[int], first: int | None) -> bool:
        """The sentence of the evidence (or, without evidence, the text) is a question (`asked`: the sentences
        that hold a question mark)."""
        sid = sentence[first] if first is not None else None
        if asked if sid is None else sid in asked:
            return True
        # "ngapain" without a question mark anywhere is "why bother", not a question: "Ngapain hormat ke NKRI"
        text, toks = f.doc.original, f.doc.tokens
        return any((sid is None or sentence[m.first] == sid) and
                   (asked or text[toks[m.first].start:toks[m.first].end].lower() not in RHETORICAL)
                   for m in self.find("question_words", f))

    def _handle_targets(self, f: TextField) -> list[Match]:
        """@mentions name their target ("@jokowi", "@DPR_RI"); hashtags are read inside by the lexicon."""
        out = []
        lex = self.terms["targets"]
        for i, t in enumerate(f.doc.tokens):
            if t.kind == "mention":
                hit = lex.lookup_words(split_handle(f.doc.original[t.start + 1:t.end]))
                if hit:
                    out.append(Match(i, i, hit[0], hit[1]))
        return out

    def _given_names(self, f: TextField, sentence: list[int]) -> frozenset[int]:
        """Tokens of capitalised words up to four words after a naming word in its sentence ("Nama adik saya
        Khilafah Nur Aini"): a person's name, whatever list it is in. Not in idioms ("atas nama rakyat", "yang
        namanya orang Kristen", "namanya juga Cina")."""
        naming = self.find("naming", f) if "naming" in self.terms else []
        if not naming:
            return frozenset()
        toks, text = f.doc.tokens, f.doc.original
        idx = f.doc.word_index[0]
        out = set()
        for m in naming:
            k = bisect_right(idx, m.last)
            if k >= 2 and toks[idx[k - 2]].norm in NAMING_IDIOM_BEFORE and m.first == idx[k - 1]:
                continue
            if k < len(idx) and toks[idx[k]].norm in NAMING_IDIOM_AFTER:
                continue
            for i in idx[k:k + 4]:
                if sentence[i] != sentence[m.last]:
                    break
                if text[toks[i].start:toks[i].start + 1].isupper():
                    out.add(i)
        return frozenset(out)

    def _is_name(self, t: Match, f: TextField, titles: set[int]) -> bool:
        """"Koh Aseng", "Pak Cina": a title (`titles`: where honorifics end) before a capitalised word makes it
        a person, not a group."""
        if t.first == 0:
            return False
        toks = f.doc.tokens
        raw = f.doc.original[toks[t.first].start:toks[t.first].end]
        if not raw[:1].isupper():
            return False
        return t.first - 1 in titles

    def _locative(self, t: Match, f: TextField) -> bool:
        """A target that is only a place here: the state after "dari", "ke", "di" ("usir dari Indonesia"), or a
        building (`places`: "masjid", "gereja") after a word of place ("bakar sampah di depan masjid", "tanah
        di samping gereja harus diratakan")."""
        if t.first == 0:
            return False
        prev = f.doc.tokens[t.first - 1]
        if prev.kind != "word":
            return False
        if t.label in self.locative_labels:
            return prev.norm in ("dari", "ke", "di", "untuk", "bagi", "seluruh", "se")
        return t.term in self.places and prev.norm in self.spatial

    @staticmethod
    def _foreign(t: Match, f: TextField, foreign: set[int]) -> bool:
        """"negara Arab", "pemerintah China", "polisi Malaysia": another country's state is not the target
        (`foreign`: where the rule's words for other countries begin)."""
        if not foreign:
            return False
        idx = f.doc.word_index[0]
        n = bisect_right(idx, t.last)
        return n < len(idx) and idx[n] in foreign

    def _lean(self, doc: Analysis, f: TextField) -> float | None:
        """The highest calibrated probability among the labels that may lift explicit words to review."""
        clf = doc.resources.classifier
        logits = doc.logits(f)
        known = {lab: logits[lab] for lab in self.scorer.floor_labels if lab in logits}
        return max(clf.probabilities(known).values()) if known and clf is not None else None

    def _model_words(self, doc: Analysis, f: TextField) -> list[tuple[int, int]]:
        """The words that moved the classifier most, as evidence when no list word was found."""
        clf = doc.resources.classifier
        if clf is None or not hasattr(clf, "contributions"):
            return []
        top = [i for i, w in clf.contributions(f.doc, self.key) if w > 0][:3]
        return [(i, i) for i in sorted(top)] or [(f.doc.word_index[0][0], f.doc.word_index[0][-1])]

    def describe(self, m: Match) -> str:
        return m.label if m.label and m.label not in ("targets", "hateful", "hostile") else m.term

    def explain(self, named: list[str], quote: str, path: str) -> str:
        raise NotImplementedError


# Question words as typed that, without a question mark, dismiss rather than ask ("why bother")
RHETORICAL = frozenset({"ngapain", "ngapaen", "ngapa", "ngpain", "ngpn"})


def _positions(f: TextField) -> dict[int, int]:
    """Token index -> ordinal of the word it stands at (emoji and mentions take the word before them)."""
    words = f.doc.word_index[0]
    pos = {tok_index: n for n, tok_index in enumerate(words)}
    count = 0
    for i in range(len(f.doc.tokens)):
        if i in pos:
            count = pos[i]
        else:
            pos[i] = count
    return pos


def _insulting_animal(h: Match, t: Match, f: TextField, pos: dict[int, int], words: tuple[int, ...]) -> bool:
    """An animal word used as an insult: next to the group, or in insult grammar, and not literal."""
    toks = f.doc.tokens
    n = pos.get(h.first, 0)
    near = [toks[words[k]].norm for k in range(max(0, n - 2), min(len(words), n + 3)) if k != n]
    if any(w in LITERAL for w in near):
        return False
    raw = f.doc.original[toks[h.first].start:toks[h.first].end].lower()
    if raw != h.term and raw.startswith(h.term) and raw.endswith("ku"):
        return False  # "monyetku": a pet
    tpos = pos.get(t.first, 0), pos.get(t.last, 0)
    if n in (tpos[0] - 1, tpos[1] + 1):
        return True
    before = toks[words[n - 1]].norm if n > 0 else ""
    after = toks[words[n + 1]].norm if n + 1 < len(words) else ""
    return before in INSULT_BEFORE or after in INSULT_AFTER


def _outermost(matches: list[Match]) -> list[Match]:
    """Matches in text order, dropping any that lies inside another (one quote per place)."""
    spans = sorted({(m.first, m.last): m for m in matches}.values(), key=lambda m: (m.first, -m.last))
    out: list[Match] = []
    for m in spans:
        if out and m.last <= out[-1].last:
            continue
        out.append(m)
    return out


__all__ = ["CONTEXT_LISTS", "HateDetector", "HateEvidence"]
