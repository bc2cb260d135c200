"""A big generated history for the benchmarks (history.py, startup.py).

generate() writes `count` messages into a fresh file in count / 50 conversations of 50 (one
executemany in one transaction, through the store's schema and its FTS5 triggers), plus one
conversation of 1,000 messages and three answers left "streaming". The text is English drawn
from a vocabulary with Zipf frequencies (1/rank), with Chinese sentences in about 5% of the
messages and planted terms: a rare word in 10 messages, a medium one in 1%, a two-word phrase in
0.5%, a rare two-character Chinese word in 10.
"""

from __future__ import annotations

import bisect
import itertools
import random
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.core.history import migrations, short_terms
from desktop_app.core.history.store import HistoryStore

PER_CONVERSATION = 50
LONG_CONVERSATION = 1_000
LONG_TITLE = "A very long conversation"
SEED = 2024

RARE, MEDIUM, PHRASE = "xylophonist", "kaleidoscope", "price list"
RARE_CHINESE = "鹦鹉"

_ENGLISH = """the of and to a in is it you that for was on are with as be this have or at
by not but what all were when we there can an your which their said if do will each about how
up out them then she many some so these would other into has more her two like him see time
could no make than first been its who now people my made over did down only way find use may
water long little very after words called just where most know get through back much before go
good new write our used me man too any day same right look think also around another came come
work three word must because does part even place well such here take why things help put
years different away again off went old number great tell men say small every found still
between name should home big give air line set own under read last never us left end along
while might next sound below saw something thought both few those always looked show large
often together asked house don world going want school important until form food keep
children feet land side without boy once animals life enough took sometimes four head above
kind began almost live page got earth need far hand high year mother light parts country
father let night following picture being study second eyes soon times story boys since white
days ever paper hard near sentence better best across during today others however sure means
knew try told young miles sun ways thing whole hear example heard several change answer room
sea against top turned learn point city play toward five using himself usually model data
price list code function error file value request server user question result python table
query memory token cost budget stream answer message prompt system language machine learning
network provider version update install config default option support issue"""

_CHINESE = """的 是 我们 可以 这个 模型 数据 问题 时间 系统 用户 价格 价格表 服务器 文件 代码
请 帮 我 一下 如何 为什么 因为 所以 但是 如果 需要 使用 这样 已经 还是 没有 什么 非常 比较 应该
今天 明天 每月 基础版 专业版 成本 预算 网络 请求 回答 翻译 总结 文章 图片 天气 旅行 学习 工作"""


def zipf_words(words: list[str], rng: random.Random) -> Callable[[int], list[str]]:
    """A sampler of k words with probability 1/rank."""
    cumulative = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
    total = cumulative[-1]

    def sample(k: int) -> list[str]:
        return [
            words[min(bisect.bisect(cumulative, rng.random() * total), len(words) - 1)]
            for _ in range(k)
        ]

    return sample


def sentence_pools(rng: random.Random) -> tuple[list[str], list[str]]:
    """English sentences from the listed words plus a long tail of made-up ones; Chinese ones."""
    common = _ENGLISH.split()
    syllables = ["ka", "lo", "mi", "ter", "an", "vel", "sor", "bri", "den", "qua", "pol", "nim"]
    tail = sorted({"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(6000)})
    rng.shuffle(tail)
    english = zipf_words(common + tail, rng)
    chinese = zipf_words(_CHINESE.split(), rng)
    en = []
    for _ in range(40_000):
        words = english(rng.randint(6, 22))
        en.append(" ".join(words).capitalize() + rng.choice([".", ".", ".", "?", "!"]))
    zh = ["".join(chinese(rng.randint(6, 16))) + "。" for _ in range(4_000)]
    return en, zh


def messages(
    count: int, rng: random.Random, start: datetime
) -> Iterator[tuple[str, str, str, str]]:
    """(role, content, created_at, conversation index) rows, PER_CONVERSATION a conversation."""
    en, zh = sentence_pools(rng)
    rare = set(rng.sample(range(count), 10))
    rare_zh = set(rng.sample(range(count), 10))
    step = timedelta(days=730) / max(count, 1)
    for i in range(count):
        role = "user" if i % 2 == 0 else "assistant"
        parts = rng.choices(en, k=rng.randint(1, 3) if role == "user" else rng.randint(3, 9))
        if rng.random() < 0.05:
            parts[rng.randrange(len(parts))] = "".join(rng.choices(zh, k=rng.randint(1, 3)))
        if i in rare:
            parts.append(f"Ask the {RARE} about it.")
        if rng.random() < 0.01:
            parts.append(f"It looks like a {MEDIUM}.")
        if rng.random() < 0.005:
            parts.append(f"Here is the {PHRASE} you asked for.")
        if i in rare_zh:
            parts.append(f"我的{RARE_CHINESE}会说话。")
        at = (start + step * i).isoformat(timespec="microseconds")
        yield role, " ".join(parts), at, str(i // PER_CONVERSATION)


def generate(path: Path, count: int, rng: random.Random) -> str:
    """Fill the file; returns the id of the 1,000-message conversation."""
    HistoryStore(path).close()  # the schema, migrations and triggers, as the app makes them
    conn = sqlite3.connect(path, isolation_level=None)
    short_terms.register(conn)  # the function the index of short terms' triggers call
    conn.execute("PRAGMA cache_size = -400000")
    start = datetime(2023, 1, 1, tzinfo=UTC)
    conversations = (count + PER_CONVERSATION - 1) // PER_CONVERSATION
    ids = [f"{i:032x}" for i in range(conversations + 1)]
    end = (start + timedelta(days=730)).isoformat(timespec="microseconds")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
        ((cid, f"Conversation {n}", end, end) for n, cid in enumerate(ids)),
    )
    rows = (
        (ids[int(n)], role, "complete", content, at)
        for role, content, at, n in messages(count, rng, start)
    )
    conn.executemany(
        "INSERT INTO messages (conversation_id, role, status, content, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute(migrations.PARENTS_FROM_ORDER)  # each message follows the one before it
    # Real per-conversation times: the list is ordered by them.
    conn.execute(
        "UPDATE conversations SET created_at = (SELECT min(created_at) FROM messages"
        " WHERE conversation_id = conversations.id), updated_at = (SELECT max(created_at)"
        " FROM messages WHERE conversation_id = conversations.id)"
        " WHERE id IN (SELECT conversation_id FROM messages)"
    )
    conn.execute("COMMIT")
    conn.close()
    long_id = ids[-1]
    with HistoryStore(path) as store:  # through the API: the long conversation, the streaming
        store.rename(long_id, LONG_TITLE)
        en, _zh = sentence_pools(rng)
        for i in range(LONG_CONVERSATION):
            words = rng.choices(en, k=3 if i % 2 == 0 else 12)
            store.add_message(
                long_id, role="user" if i % 2 == 0 else "assistant", content=" ".join(words)
            )
        for n in range(3):
            store.add_message(ids[n], role="assistant", content="half an answ", status="streaming")
    return long_id


CACHED_MILLION = Path(tempfile.gettempdir()) / "tally-benchmark-history" / "history-1000000.sqlite3"
"""The million-message history benchmarks/ui_stalls.py makes once and keeps."""


@contextmanager
def copied_history(cached: Path) -> Iterator[Path]:
    """A copy of a kept history in a temporary folder, for a benchmark that upgrades or writes
    to it, removed afterwards; SystemExit if there is none to copy."""
    if not cached.exists():
        raise SystemExit(f"no history at {cached}: run benchmarks/ui_stalls.py first")
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "history.sqlite3"
        shutil.copyfile(cached, history)
        yield history
