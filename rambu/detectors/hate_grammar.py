"""The grammar of plain hate, read by rules 1 and 2 (`HateDetector` mixes it in).

Plain hate is said so that a reviewer should see it whatever the classifier learnt: advocacy said as a call
("Indonesia harus jadi negara Islam"), a foundation of the state dismissed ("Pancasila sudah tidak
relevan"), an insult pinned on a group as a fact about it ("orang Kristen itu musuh"), violence called for
against a group ("Bunuh semua Syiah"), a call to shut a group out ("jangan kasih kos ke orang Batak").
Each check reads the rule's word lists (`HateDetector.terms`, the one-word sets of `HateDetector.word_sets`)
and returns the matches that make the text plain; negation, questions, hedges and reported speech are read
here too, so the checks agree on what they leave out.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..analysis import TextField
from ..text.lexicon import Match
from .hate_lists import MEANS


class PlainGrammar:
    """Methods of `HateDetector` that find plain hate (see the module's docstring)."""

    def _opposed(self, f: TextField, pos: dict[int, int], negated: set[int], advocacy: list[Match],
                 clause) -> list[tuple[Match, Match]]:
        """(word, advocacy term) pairs where the word opposes the term: a rejecting word at most five words
        before it in its clause ("tolak ajakan mendirikan negara khilafah"), a negated calling word before it
        ("tidak harus jadi negara Islam", "jangan dukung khilafah") or a negated endorsing word after it
        ("khilafah bukan solusi") or a rejection after it ("khilafah harus dilawan"). A comma or a conjunction ends
        the clause: "kami menolak demokrasi, tegakkan
        khilafah" and "tinggalkan demokrasi dan tegakkan khilafah" advocate."""
        if not advocacy:
            return []
        before = self.find("rejecting", f)
        after: list[Match] = []
        if "calling" in self.terms:
            before += [c for c in self.find("calling", f) + self.find("call_links", f) if _negated(c, negated, f)]
            after = [e for e in self.find("endorsing", f) if _negated(e, negated, f)] + \
                [r for r in self.find("rejected_after", f) if not _negated(r, negated, f)]
        if not (before or after):
            return []
        out = []
        toks = f.doc.tokens
        for a in advocacy:
            r = max((r for r in before if r.last < a.first), key=lambda r: r.last, default=None)
            if r is not None and pos.get(a.first, 0) - pos.get(r.last, 0) <= 5 and clause(r.last, a.first):
                # what replaces the thing rejected is wanted ("NKRI wajib dibubarkan diganti Daulah Islamiyah")
                if not any(toks[k].norm in _REPLACING for k in range(r.last + 1, a.first)):
                    out.append((r, a))
                continue
            e = next((e for e in after if a.last < e.first and pos.get(e.first, 0) - pos.get(a.last, 0) <= 3
                      and clause(a.last, e.first)), None)
            if e is not None:
                out.append((e, a))
        return out

    def _called(self, f: TextField, pos: dict[int, int], sentence: list[int], asked: frozenset[int], negated: set[int],
                opposed: list[tuple[Match, Match]], advocacy: list[Match], clause, named: set[int]) -> list[Match]:
        """Advocacy terms said as a call: a calling word (a modal or an imperative: "harus", "saatnya",
        "dukung", "tegakkan"; or the author: "kami") in the term or before it with only linking words between
        ("harus jadi negara Islam", "kami mendukung khilafah"), in one clause, or an endorsing word right
        after it ("khilafah solusinya"); not negated, not opposed, not asked, and no hedge before it in the
        clause (a condition, a relative clause, someone else's wish: "kalau", "yang", "ingin"). The model
        learnt radicalism from one data set's posts; a plain call needs no model to be worth a reviewer's look."""
        if "calling" not in self.terms or not advocacy:
            return []
        toks = f.doc.tokens
        calling = [c for c in self.find("calling", f) if not _negated(c, negated, f)]  # "tidak harus", "jangan dukung"
        endorsing = [e for e in self.find("endorsing", f) if not _negated(e, negated, f)]
        hedges = self.find("hedges", f)
        out = []
        for a in advocacy:
            if sentence[a.first] in asked or _negated(a, negated, f) or any(_overlap(a, o) for _, o in opposed):
                continue
            if any(h.first < a.first and clause(h.first, a.first) for h in hedges) or self._freed(a, f, named):
                continue
            said = any(c.first <= a.last and (c.first >= a.first or (
                clause(c.last, a.first) and self._linked(f, c.last + 1, a.first))) for c in calling)
            said = said or any(a.first <= e.first and pos.get(e.first, 0) - pos.get(a.last, 0) <= 2 and
                               clause(a.last, e.first) for e in endorsing)
            if said:
                out.append(a)
        return out

    def _said_by_others(self, f: TextField, m: Match, sentence: list[int], pos: dict[int, int]) -> bool:
        """A verb of saying or a hedge up to six words before `m` in its sentence ("menganggap NKRI thogut")."""
        return any(r.last < m.first and sentence[r.last] == sentence[m.first] and
                   pos.get(m.first, 0) - pos.get(r.last, 0) <= 6
                   for name in ("reporting", "hedges") if name in self.terms for r in self.find(name, f))

    def _linked(self, f: TextField, i: int, j: int) -> bool:
        """Tokens i..j-1 only link a call to its term: linking words, and at most one capitalised name, the
        region or group the call is for ("saatnya Papua merdeka", "sudah waktunya Aceh lepas dari Indonesia")."""
        toks, text = f.doc.tokens, f.doc.original
        names = 0
        for k in range(i, j):
            if toks[k].kind != "word" or toks[k].norm in self.call_links:
                continue
            names += 1
            if names > 1 or not text[toks[k].start:toks[k].start + 1].isupper():
                return False
        return True

    def _dismissed(self, f: TextField, sentence: list[int], asked: frozenset[int], negated: set[int],
                   targets: list[Match], clause) -> list[Match]:
        """A foundation of the state (rule 1's Pancasila, UUD 1945, Bhinneka, NKRI) and what dismisses it, after
        it in its clause with only linking words between: "Bhinneka Tunggal Ika itu cuma slogan kosong",
        "Pancasila sudah tidak relevan". Not when a negation stands before the dismissal in the clause ("jangan
        biarkan Pancasila hanya jadi slogan"), not asked, and no hedge before the foundation in its sentence
        ("yang bilang Pancasila usang ..."). Each as one match from the foundation to the dismissal."""
        if "dismissing" not in self.terms:
            return []
        dismissing = self.find("dismissing", f)
        if not dismissing:
            return []
        found = {(m.first, m.last) for m in self.find("foundations", f)}
        bases = [t for t in targets if (t.first, t.last) in found]
        if not bases:
            return []
        toks = f.doc.tokens
        clause = clause or self._clause(f, sentence)
        hedges = self.find("hedges", f)
        out = []
        for d in dismissing:
            t = max((t for t in bases if t.last < d.first), key=lambda t: t.last, default=None)
            if t is None or sentence[d.first] in asked or not clause(t.last, d.first):
                continue
            if not all(toks[k].norm in self.dismiss_links for k in range(t.last + 1, d.first) if toks[k].kind == "word"):
                continue
            # a condition or someone else's view may stand a clause before ("tanpa pengamalan, Pancasila ...")
            if any(n < d.first and clause(n, d.first) for n in negated) or \
                    any(h.first < t.first and sentence[h.first] == sentence[t.first] for h in hedges):
                continue
            out.append(_spanning(f, t.first, d.last, t.label))
        return out

    def _pinned(self, f: TextField, t: Match, h: Match, general: set[int]) -> bool:
        """An insult pinned on the group as a fact about it: after the target, in its clause, with one to three
        linking words between and nothing else ("orang Kristen itu musuh", "Cina emang setan semua"), or after
        a pronoun restating the group (`_restated`: "..., mereka musuh umat") with up to three, or set off by
        a comma and generalised at once ("orang Batak, kasar semua"). A milder hostile word needs a word that
        generalises (`general`: where they begin) between or up to two words after it ("Batak mah kasar
        semua"); "orang Padang itu pelit" alone may be banter."""
        toks, text = f.doc.tokens, f.doc.original
        if t.last >= h.first or _suffered(f, h):
            return False
        idx = f.doc.word_index[0]
        n = bisect_right(idx, h.last)
        after = list(idx[n:n + 2])  # the two words after the insult
        subject = self._restated(f, t, h)
        if subject is not None:  # "..., mereka musuh umat": the pronoun restates the group named before
            t = subject
        between = self._past_place([k for k in range(t.last + 1, h.first) if toks[k].kind == "word"], toks)
        gap = text[toks[t.last].end:toks[h.first].start]
        if any(c in gap for c in ",;:.!?"):
            # "orang Batak, kasar semua": an insult set off by a comma right after the group, generalised at once
            return subject is None and not between and gap.strip() == "," and bool(after) and after[0] in general
        if subject is None and not between:  # "Cewek Sunda matre semua": right after the group, generalised at once
            return bool(after) and after[0] in general
        if not (len(between) <= 3 and all(toks[k].norm in self.predicate_links for k in between)):
            return False
        return h.label == "strong" or any(k in general or toks[k].norm in self.topic_particles for k in between) or \
            any(k in general for k in after)

    def _past_place(self, between: list[int], toks) -> list[int]:
        """The words between a group and an insult, after a place or a relative clause that narrows the group
        ("orang India di Medan tuh jorok", "orang India yg jualan di pasar itu jorok semua"): one to three words
        after "di"/"dari", or one to five after "yang", then a linking word."""
        head = toks[between[0]].norm if between else ""
        if head in _PLACE_WORDS or head == "yang":
            for m in range(2, min(7 if head == "yang" else 4, len(between))):
                if toks[between[m]].norm in self.predicate_links:
                    return between[m:]
        return between

    def _innate(self, f: TextField, h: Match, sentence: list[int]) -> bool:
        """The trait aimed at the group is said to be inborn ("licik dari lahir", "kasar udah bawaan dari
        sananya", "watak aslinya menjajah"): an `innate` phrase within three words of it, in its sentence."""
        idx = f.doc.word_index[0]
        a, b = bisect_left(idx, h.first), bisect_right(idx, h.last)
        return any(sentence[m.first] == sentence[h.first] and
                   (0 <= bisect_left(idx, m.first) - b <= 3 or 0 <= a - bisect_right(idx, m.last) <= 3)
                   for m in self.find("innate", f))

    def _restated(self, f: TextField, t: Match, h: Match) -> Match | None:
        """The pronoun that opens a clause between the group and the insult and so restates the group as its
        subject ("jangan mau dipimpin kafir, mereka musuh umat"): at most `window` * 2 words after the group,
        in its sentence or the next, after a comma, a sentence end or a word of cause ("karena mereka ...")."""
        toks, text = f.doc.tokens, f.doc.original
        idx = f.doc.word_index[0]
        a, b = bisect_right(idx, t.last), bisect_left(idx, h.first)
        if b - a > self.window * 2:
            return None
        for n in range(b - 1, a - 1, -1):
            k = idx[n]
            if toks[k].norm not in self.restating:
                continue
            prev = idx[n - 1] if n else None
            opens = prev is None or toks[prev].norm in self.clause_openers or \
                any(c in text[toks[prev].end:toks[k].start] for c in ",;:.!?")
            return Match(k, k, toks[k].norm, t.label) if opens else None
        return None

    def _threatened(self, f: TextField, sentence: list[int], asked: frozenset[int], negated: set[int],
                    targets: list[Match]) -> list[Match]:
        """Violence called for against the group, said to the reader. An imperative ("bunuh", "usirlah") that
        opens its clause or follows a calling word ("ayo", "harus", "halal"), with the group within three
        linking words after it ("Bunuh semua Syiah", "ayo usir aja orang Cina") or named before it when the
        call leaves its object out ("Orang Madura ... Usir aja dari kota kita"); or violence wished on the group
        named before ("Syiah sesat, halal darahnya"). Each as one match from the group or the verb to the other."""
        calls = self.find("violent_calls", f)
        wished = self.find("violent_predicates", f)
        if not (calls or wished):
            return []
        toks = f.doc.tokens
        starts = {t.first: t for t in targets}

        def span(a: Match, b: Match) -> Match:
            return _spanning(f, a.first, b.last, (a if a in targets else b).label)

        out = []
        for v in calls:
            if sentence[v.first] in asked or _negated(v, negated, f) or not _opens(f, v, sentence, self.call_openers):
                continue  # asked, negated, or inside a clause that reports or narrates ("massa mulai bakar ...")
            target, other, crossed = self._object_after(f, v, sentence, starts, self.violent_links, 4)
            # the object is left out when the call goes on with a word that points back ("usir aja dari kota
            # kita") or only linking words follow it; a bare "usir," in a list of words leaves nothing out
            left_out = toks[other].norm in self.named_before if other is not None else crossed
            # a person's pronoun as the object points back for every rule ("Presiden ... seret dia keluar istana")
            pointed = other is not None and toks[other].norm in _PERSONAL_PRONOUNS
            if target is not None:
                out.append(span(v, target))
            elif (left_out and self.objects_named_before) or pointed:
                people = [t for t in targets if t.label not in self.not_people] if pointed else targets
                t = _group_before(f, v, sentence, people, reach=True)
                if t is not None:
                    out.append(span(t, v))
        for w in wished:
            if sentence[w.first] in asked or _negated(w, negated, f):
                continue
            t = _group_before(f, w, sentence, targets, reach=_opens(f, w, sentence))
            if t is not None:
                out.append(span(t, w))
        return out

    def _excluded(self, f: TextField, sentence: list[int], asked: frozenset[int], targets: list[Match]) -> list[Match]:
        """A call to shut the group out ("jangan kasih kos ke orang Batak", "jangan pernah terima orang Nias",
        "boikot toko Cina") or send it away ("balik ke Arab sana!"): an `excluding` or `expelling` phrase with
        the group after it in its clause, only `exclusion_links` words between (where, to whom: "kos", "ke",
        "orang"), not asked and not describing people ("yang tidak menerima ..."). A call said to the reader that
        names nobody after it points back at the group named before it ("Orang Bugis ... Jangan diterima kerja",
        "jgn kasih lagi mereka ngontrak", "... yang Kristen silakan minggat"); a call to shut out does not point
        at the group it speaks to ("Umat Kristen, jangan beri mereka kesempatan"). Rule 2 only: "jangan pilih
        Jokowi" is an election, not hate."""
        toks = f.doc.tokens
        idx = f.doc.word_index[0]
        starts = {t.first: t for t in targets}
        calls = [(m, False) for m in self.find("excluding", f)] + [(m, True) for m in self.find("expelling", f)]
        calls += [(m, True) for m in self.find("sent_away", f) if self._dismissed_there(f, m)]
        # a call pointing back means a group named, not a bare word for groups ("... agamanya, jangan terima ...")
        named = [t for t in targets if t.term not in self.predicate_links]
        out = []
        for m, expels in calls:
            k = bisect_left(idx, m.first)
            if sentence[m.first] in asked or (k and toks[idx[k - 1]].norm in ("yang", "yg")):
                continue  # asked, or said of people ("banyak org yg ga menerima LGBT")
            said = _opens(f, m, sentence, self.call_openers)  # not narrated ("akhirnya kena boikot")
            if expels and not said:
                continue  # "mudik, pulang sana ke Padang" is a trip told, not a group sent away
            t, other, _ = self._object_after(f, m, sentence, starts, self.exclusion_links, 5)
            if t is not None:
                out.append(_spanning(f, m.first, t.last, t.label))
                continue
            # its object a pronoun ("jangan belanja di lapak mereka"), left out, or only what it withholds
            pronoun = None if expels else self._pronoun_after(f, m, sentence, starts)
            if pronoun is not None:
                if not self._left_out(f, pronoun, sentence, starts):
                    continue  # "jangan kasih mereka gangguan" protects them
            elif not expels and (m.term in self.naming_their_object or not self._left_out(f, other, sentence, starts)):
                continue
            t = _group_before(f, m, sentence, named, reach=True)
            if t is None:
                continue
            # said to the reader, about the group; or a passive call with the group as its subject ("Warga
            # keturunan X jangan dikasih jabatan", "Orang X itu jangan diterima")
            subject = _passive(m) and all(toks[j].norm in self.predicate_links for j in range(t.last + 1, m.first)
                                          if toks[j].kind == "word")
            if (said and (expels or not self._addressed(f, t, m))) or subject:
                out.append(_spanning(f, t.first, m.last, t.label))
        return out

    @staticmethod
    def _dismissed_there(f: TextField, m: Match) -> bool:
        """"sana" or "sono" closes the going within three words ("balik ke Arab sana", "pulang ke negaramu sono")."""
        toks, text = f.doc.tokens, f.doc.original
        idx, words = f.doc.word_index
        n = bisect_right(idx, m.last)
        for k in range(n, min(n + 3, len(words))):
            if any(c in text[toks[idx[k - 1]].end:toks[idx[k]].start] for c in ",;:.!?"):
                return False
            if words[k] in _DISMISSING_THERE:
                return True
        return False

    def _pronoun_after(self, f: TextField, m: Match, sentence: list[int], starts: dict[int, Match]) -> int | None:
        """The restating pronoun that is the call's object, across where and what words ("jangan belanja di
        lapak mereka", "jangan terima bantuan dari mereka")."""
        other = self._object_after(f, m, sentence, starts, self.exclusion_links | self.withheld, 6)[1]
        return other if other is not None and f.doc.tokens[other].norm in self.restating else None

    def _left_out(self, f: TextField, other: int | None, sentence: list[int], starts: dict[int, Match]) -> bool:
        """The call to shut out names nobody after it: its clause ends (or only links follow), or it names a
        pronoun ("jangan kasih lagi mereka ngontrak") or only what it withholds ("jangan dikasih lapak", "jangan
        kasih tempat ibadah"), and nothing more (not "jangan kasih kesempatan provokator", "jangan kasih mereka
        gangguan")."""
        if other is None:
            return True
        norm = f.doc.tokens[other].norm
        if norm not in self.withheld and norm not in self.restating:
            return False
        here = Match(other, other, norm, "")
        t, further, _ = self._object_after(f, here, sentence, starts, self.exclusion_links | self.withheld, 4)
        if t is None and further is not None:  # "jangan dikasih jabatan di pemerintahan": where, not to whom
            idx, words = f.doc.word_index
            return any(w in _WHERE for w in words[bisect_right(idx, other):bisect_left(idx, further)])
        return t is None and further is None

    def _addressed(self, f: TextField, t: Match, m: Match) -> bool:
        """The group is who the call speaks to, not whom it shuts out: only call openers, a comma or nothing
        stand between them ("Umat Islam, jangan kasih masuk orang asing", "Warga Papua jangan kasih izin"). Not
        when the call is passive: then the group before it is the one refused ("Warga keturunan X jangan
        dikasih jabatan")."""
        toks = f.doc.tokens
        if _passive(m):
            return False
        return all(toks[k].norm in self.call_openers for k in range(t.last + 1, m.first) if toks[k].kind == "word")

    @staticmethod
    def _object_after(f: TextField, m: Match, sentence: list[int], starts: dict[int, Match], links: frozenset[str],
                      reach: int) -> tuple[Match | None, int | None, bool]:
        """The group right after `m` in its clause, across `links` words only, within `reach` words: (the group
        or None, the token of the first word that is neither, whether any link word was crossed)."""
        toks, text = f.doc.tokens, f.doc.original
        idx = f.doc.word_index[0]
        n, prev, crossed = bisect_right(idx, m.last), m.last, False
        for j in idx[n:n + reach]:
            if sentence[j] != sentence[m.first] or any(c in text[toks[prev].end:toks[j].start] for c in ",;:.!?"):
                break
            if j in starts:
                return starts[j], None, crossed
            if toks[j].norm not in links:
                return None, j, crossed
            prev, crossed = j, True
        return None, None, crossed

    def _hedged(self, f: TextField, sentence: list[int], said: list[Match], advocacy: list[Match]) -> Match | None:
        """The hedge (someone else's wish or idea, a condition: "ingin", "kelompok", "kalau") before the
        advocacy terms that are all the hostile words said, in their clause; None when any is the author's."""
        if "hedges" not in self.terms:
            return None
        hedges = self.find("hedges", f)
        if not advocacy or not hedges:
            return None
        clause = self._clause(f, sentence, means=False)
        found = None
        for m in said:
            a = next((a for a in advocacy if _overlap(m, a)), None)
            h = None if a is None else max((h for h in hedges if h.first < a.first and clause(h.first, a.first)),
                                           key=lambda h: h.first, default=None)
            if h is None:
                return None
            found = found or h
        return found

    def _freed(self, a: Match, f: TextField, named: set[int]) -> bool:
        """"Papua merdeka dari stunting": free from something that is not a target (`named`: where the targets'
        words begin, places included) is a figure of speech."""
        idx, words = f.doc.word_index
        n = bisect_right(idx, a.last)
        if n + 1 >= len(words) or words[n] != "dari" or words[n + 1] in _SINCE | _RULE:
            return False  # "merdeka dari dulu" is since when, "dari penjajahan Jakarta" from whose rule
        return idx[n + 1] not in named

    def _clause(self, f: TextField, sentence: list[int], means: bool = True):
        """`clause(i, j)`: tokens i < j stand in one clause (one sentence, no comma, colon or conjunction
        between). With `means=False` a means or purpose ("dengan", "agar") does not end it: a wish reaches
        through "ingin mengganti Pancasila dengan khilafah"."""
        toks, text = f.doc.tokens, f.doc.original
        joints = [m.first for m in self.find("conjunctions", f) if means or m.term not in MEANS]

        def same(i: int, j: int) -> bool:
            return sentence[i] == sentence[j] and not any(i < k < j for k in joints) and \
                not any(c in text[toks[i].end:toks[j].start] for c in ",;:")
        return same


_RULE = frozenset({"penjajahan", "penjajah", "jajahan", "cengkeraman", "kekuasaan", "belenggu", "kolonialisme"})
_SINCE = frozenset({"dulu", "dahulu", "awal", "lama", "kemarin", "kemaren", "tahun", "zaman", "jaman"})
_WHERE = frozenset({"di", "dalam", "dlm"})  # what is withheld "di pemerintahan" names a place, not a recipient
_DISMISSING_THERE = frozenset({"sana", "sono"})  # "balik ke Arab sana!": go away, not go home
_MODALS = frozenset({"harus", "wajib", "pantas", "pantes", "layak", "mesti", "kudu", "halal", "perlu", "sebaiknya",
                     "mending", "mendingan", "biar", "supaya", "agar"})  # "harus dibasmi": wished, not suffered
_REPLACING = frozenset({"diganti", "digantikan", "digantiin", "ganti", "gantikan", "gantiin", "ditukar"})
_PERSONAL_PRONOUNS = frozenset({"dia", "mereka", "beliau", "doi", "ia"})
_CALL_PARTICLES = frozenset({"aja", "saja", "ajalah", "sajalah", "lah", "dong", "sekalian"})  # "dibasmi aja": a call
_PLACE_WORDS = frozenset({"di", "dari"})  # "orang India di Medan ...": where the group lives narrows it


def _suffered(f: TextField, h: Match) -> bool:
    """The hostile word is a passive verb: what the group suffers, not what it is said to be ("umat Islam di Gaza
    itu dibantai", "warga Papua tuh diserang terus"), unless a particle makes it a call ("Syiah tuh dibasmi aja")."""
    toks = f.doc.tokens
    if not (h.first == h.last and toks[h.first].norm.startswith("di") and not h.term.startswith("di")):
        return False
    idx = f.doc.word_index[0]
    n = bisect_right(idx, h.last)
    before = toks[idx[n - 2]].norm if n >= 2 else ""
    return before not in _MODALS and not any(toks[k].norm in _CALL_PARTICLES for k in idx[n:n + 2])


def _passive(m: Match) -> bool:
    """The call is passive ("jangan dikasih", "dilarang masuk"): who stands before it is who it refuses."""
    return any(w.startswith("di") and len(w) > 4 for w in m.term.split())


def _opens(f: TextField, v: Match, sentence: list[int], openers: frozenset[str] = frozenset()) -> bool:
    """`v` opens its clause, or follows one of `openers` ("ayo", "harus"): said to the reader, not narrated."""
    toks, text = f.doc.tokens, f.doc.original
    idx = f.doc.word_index[0]
    k = bisect_left(idx, v.first)
    return k == 0 or sentence[idx[k - 1]] != sentence[v.first] or toks[idx[k - 1]].norm in openers or \
        any(c in text[toks[idx[k - 1]].end:toks[v.first].start] for c in ",;:!")


def _group_before(f: TextField, v: Match, sentence: list[int], targets: list[Match], reach: bool) -> Match | None:
    """The nearest group before `v` in its sentence, or in the sentence before when `reach`, within 15 words."""
    idx = f.doc.word_index[0]
    t = max((t for t in targets if t.last < v.first), key=lambda t: t.last, default=None)
    if t is None or bisect_left(idx, v.first) - bisect_left(idx, t.last) > 15:
        return None
    return t if sentence[t.last] == sentence[v.first] or (reach and sentence[t.last] == sentence[v.first] - 1) else None


def _spanning(f: TextField, first: int, last: int, label: str) -> Match:
    """One match over tokens first..last, its term the words between (what a reviewer reads as the evidence)."""
    toks = f.doc.tokens
    return Match(first, last, " ".join(toks[k].norm for k in range(first, last + 1) if toks[k].kind == "word"), label)


def _equated(f: TextField, t: Match, h: Match) -> bool:
    """Memes write insults as equations: "Pemkot Bandung = koruptor + tukang bohong". The "=" follows the
    target (or its capitalised name) and the insult is at most the third word after it."""
    toks, text = f.doc.tokens, f.doc.original
    if t.last >= h.first:
        return False
    between = text[toks[t.last].end:toks[h.first].start]
    left, eq, right = between.partition("=")
    if not eq:
        return False
    name = left.split()
    return (not name or (len(name) == 1 and name[0][:1].isupper())) and len(right.split()) <= 2


def _overlap(a: Match, b: Match) -> bool:
    return a.first <= b.last and b.first <= a.last


def _negated(m: Match, negator_ends: set[int], f: TextField) -> bool:
    """True when a negator stands right before the match ("bukan sampah", "tidak terlalu bodoh")."""
    toks = f.doc.tokens
    j, steps = m.first - 1, 0
    while j >= 0 and steps < 2:
        t = toks[j]
        if t.kind == "punct" or "," in f.doc.original[t.end:toks[j + 1].start]:
            return False
        if t.kind in ("word", "hashtag"):
            if j in negator_ends:
                return True
            if t.norm not in _INTENSIFIERS:
                return False
            steps += 1
        j -= 1
    return False


# Words that may stand between a negator and what it negates: degree ("tidak terlalu bodoh") and modality
# ("tidak boleh diperangi", "jangan sampai diusir", "tak perlu dibenci").
_INTENSIFIERS = {"terlalu", "begitu", "sangat", "amat", "se", "juga", "pernah", "lah", "kok", "sih",
                 "boleh", "blh", "bisa", "perlu", "usah", "sampai", "sampe", "harus", "mesti", "akan", "mau"}
