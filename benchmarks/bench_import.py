"""Import speed and memory for large generated exports. Prints figures; never fails on time.

    python benchmarks/bench_import.py                       # X 200,000 tweets; Facebook 100,000; chat 200,000
    python benchmarks/bench_import.py --tweets 50000 --facebook 20000 --chat 50000 --markdown

Each export is generated as a real ZIP in a temporary folder (the structure of the fixtures in
tests/importers/fixtures, with varied Indonesian text and a photo every 50 records), then imported in a
fresh child process by the code behind `rambu import` (`rambu.importers.run`), writing JSON Lines and
copying the media, so the peak RSS is that of the import alone. Figures: activities per second (wall clock, archive reading, parsing, media
copying and writing included; also per CPU second, steadier on a shared machine) and the child's peak
resident memory.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NIP = "198901142012121003"
WORDS = ("pelayanan kunjungan keluarga berjalan tertib hari ini terima kasih rekan semangat apel pagi warga binaan "
         "pembinaan kemandirian pelatihan las menjahit pemerintah kebijakan informasi resmi jadwal kegiatan olahraga "
         "santai bersama keluarga di rumah mantap setuju wkwk 🙏 👍 😊").split()
JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")  # a stand-in: copied, never decoded
T0 = datetime(2024, 1, 1, tzinfo=timezone.utc)


def sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 30)))


def x_archive(path: Path, n: int, rnd: random.Random) -> None:
    per_part = 100_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"username": "rizky_pas", "accountId": "4455667788", "accountDisplayName": "Rizky"}}]))
        for part in range(0, n, per_part):
            tweets = []
            for i in range(part, min(n, part + per_part)):
                created = T0 + timedelta(minutes=7 * i)
                tid = str(((int(created.timestamp() * 1000) - 1288834974657) << 22) + i % 4096)
                text = sentence(rnd)
                t = {"id_str": tid, "created_at": created.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                     "entities": {"urls": [], "user_mentions": [], "hashtags": []}, "lang": "in"}
                if i % 10 == 0:
                    text = "RT @akun_lain: " + text
                elif i % 7 == 0:
                    t.update(in_reply_to_status_id_str="1600000000000000000", in_reply_to_user_id_str="1",
                             in_reply_to_screen_name="akun_lain")
                if i % 50 == 0:
                    t["extended_entities"] = {"media": [{"type": "photo", "media_url_https": f"https://p/{i}.jpg"}]}
                    zf.writestr(f"data/tweets_media/{tid}-{i}.jpg", JPEG)
                t["full_text"] = text
                tweets.append({"tweet": t})
            name = "tweets" if part == 0 else f"tweets-part{part // per_part}"
            zf.writestr(f"data/{name}.js", f"window.YTD.tweets.part{part // per_part} = " + json.dumps(tweets))
        likes = [{"like": {"tweetId": str(1600000000000000000 + i), "fullText": sentence(rnd),
                           "expandedUrl": f"https://twitter.com/i/web/status/{1600000000000000000 + i}"}}
                 for i in range(n // 4)]
        zf.writestr("data/like.js", "window.YTD.like.part0 = " + json.dumps(likes))


def meta(s: str) -> str:
    return s.encode("utf-8").decode("latin-1")


def facebook_export(path: Path, n: int, rnd: random.Random) -> None:
    a = "facebook-bench/your_facebook_activity/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        posts = []
        for i in range(n):
            p = {"timestamp": int((T0 + timedelta(minutes=11 * i)).timestamp()),
                 "data": [{"post": meta(sentence(rnd))}], "title": meta("Rizky memperbarui statusnya.")}
            if i % 50 == 0:
                uri = f"your_facebook_activity/posts/media/Timeline/{i}.jpg"
                p["attachments"] = [{"data": [{"media": {"uri": uri, "creation_timestamp": p["timestamp"]}}]}]
                zf.writestr("facebook-bench/" + uri, JPEG)
            posts.append(p)
        zf.writestr(a + "posts/your_posts__check_ins__photos_and_videos_1.json", json.dumps(posts))
        comments = [{"timestamp": int((T0 + timedelta(minutes=13 * i)).timestamp()),
                     "data": [{"comment": {"comment": meta(sentence(rnd)), "author": "Rizky"}}],
                     "title": meta("Rizky mengomentari kiriman.")} for i in range(n)]
        zf.writestr(a + "comments_and_reactions/comments.json", json.dumps({"comments_v2": comments}))
        reactions = [{"timestamp": int((T0 + timedelta(minutes=5 * i)).timestamp()),
                      "data": [{"reaction": {"reaction": rnd.choice(["LIKE", "LOVE", "ANGRY"]), "actor": "Rizky"}}],
                      "title": "Rizky menyukai kiriman."} for i in range(n)]
        zf.writestr(a + "comments_and_reactions/likes_and_reactions_1.json", json.dumps(reactions))


def whatsapp_chat(path: Path, n: int, rnd: random.Random) -> None:
    lines = ["01/01/24 07.00 - Pesan dan panggilan terenkripsi secara end-to-end.",
             '01/01/24 07.01 - Budi membuat grup "Alumni"']
    for i in range(n):
        t = datetime(2024, 1, 1, 7, 2) + timedelta(minutes=3 * i)
        who = rnd.choice(["Rizky Pratama", "Budi", "Siti", "Dewi"])
        lines.append(f"{t:%d/%m/%y %H.%M} - {who}: {sentence(rnd)}")
        if i % 5 == 0:
            lines.append(sentence(rnd))  # a second line of the same message
        if i % 50 == 0 and who == "Rizky Pratama":
            lines.append(f"{t:%d/%m/%y %H.%M} - {who}: IMG-{i}.jpg (file terlampir)")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("Chat WhatsApp dengan Alumni.txt", "\n".join(lines) + "\n")
        for i in range(0, n, 50):
            zf.writestr(f"IMG-{i}.jpg", JPEG)


def child(platform: str, archive: str, out: str) -> None:
    """Runs in a fresh process: import, then print figures as JSON."""
    sys.path.insert(0, str(ROOT))
    from rambu.importers import Report, open_archive, options_for, run
    t, cpu = time.perf_counter(), time.process_time()
    n = 0
    media = out + "-media"
    os.makedirs(media)
    with open_archive(archive) as a, open(out, "w", encoding="utf-8") as f:
        report = Report(a.name)
        opts = options_for(NIP, sender="Rizky Pratama")
        for act in run(a, opts, report, platform=platform, media_dir=media, out_dir=os.path.dirname(out)):
            f.write(json.dumps(act, ensure_ascii=False) + "\n")
            n += 1
    secs, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(json.dumps({"n": n, "seconds": secs, "cpu": cpu, "rss_mb": peak_rss_mb(), "errors": len(report.errors)}))


def peak_rss_mb() -> float:
    """This process's peak resident memory. ru_maxrss survives exec on Linux (it would count the parent
    that generated the archive), so VmHWM, which starts afresh with the new program, comes first."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tweets", type=int, default=200_000)
    ap.add_argument("--facebook", type=int, default=100_000, help="posts; as many comments and reactions")
    ap.add_argument("--chat", type=int, default=200_000, help="chat messages (a quarter are the member's)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--child", nargs=3, metavar=("PLATFORM", "ARCHIVE", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    rnd = random.Random(args.seed)
    rows = []
    with tempfile.TemporaryDirectory(prefix="rambu-bench-impor-") as tmp:
        for name, platform, build, n in (("X archive", "x", x_archive, args.tweets),
                                         ("Facebook export", "facebook", facebook_export, args.facebook),
                                         ("WhatsApp chat", "whatsapp", whatsapp_chat, args.chat)):
            if n <= 0:
                continue
            z = Path(tmp) / f"{platform}.zip"
            build(z, n, rnd)
            out = Path(tmp) / f"{platform}.jsonl"
            p = subprocess.run([sys.executable, __file__, "--child", platform, str(z), str(out)],
                               capture_output=True, text=True, check=True)
            fig = json.loads(p.stdout)
            uncompressed = sum(i.file_size for i in zipfile.ZipFile(z).infolist())
            rows.append((name, n, z.stat().st_size / 2**20, uncompressed / 2**20, fig))
    if args.markdown:
        print("| export | records | ZIP | inflated | activities | seconds | activities/s | per CPU second | peak RSS |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, zmb, umb, f in rows:
        rate = f["n"] / f["seconds"]
        if args.markdown:
            print(f"| {name} | {n:,} | {zmb:.1f} MB | {umb:.1f} MB | {f['n']:,} | {f['seconds']:.1f} | {rate:,.0f} | "
                  f"{f['n'] / f['cpu']:,.0f} | {f['rss_mb']:.0f} MB |")
        else:
            print(f"{name}: {n:,} records ({zmb:.1f} MB zip, {umb:.1f} MB inflated) -> {f['n']:,} activities in "
                  f"{f['seconds']:.1f} s = {rate:,.0f}/s ({f['n'] / f['cpu']:,.0f} per CPU second); peak RSS "
                  f"{f['rss_mb']:.0f} MB; errors {f['errors']}")


if __name__ == "__main__":
    main()
