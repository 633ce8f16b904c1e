"""Sync commands: export, import, keys, review, demo-township."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import output
from .common import actor, not_empty, open_db, target

log = logging.getLogger("village_tui")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出自上次导出以来的新记录（村）或给各村的审核反馈（乡镇）")
    p.add_argument(
        "--out", required=True, type=not_empty, metavar="DIR", help="数据包写入的文件夹（如 U 盘）"
    )
    p.add_argument("--full", action="store_true", help="导出全部记录，而不只是新记录")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="导入数据包（文件或文件夹），逐个核验后应用")
    p.add_argument(
        "paths", nargs="+", metavar="FILE", help="数据包文件或文件夹（查找其中的 *.zip）"
    )
    p.add_argument("--trust-new", action="store_true", help="信任首次出现的村（或乡镇）密钥")
    p.add_argument(
        "--role",
        choices=("township", "county"),
        help="新建接收库的角色（默认 township；已有数据库的角色不能改）",
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("keys", help="本库密钥与受信任的密钥")
    ks = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    q = ks.add_parser("show", help="显示本库公钥及其指纹")
    q.add_argument(
        "--out", type=not_empty, metavar="FILE", help="同时把公钥写入文件，供对方 keys trust"
    )
    q.set_defaults(func=cmd_keys_show)
    q = ks.add_parser("export", help="把本库公钥写入文件，交给对方 keys trust")
    q.add_argument("--out", required=True, type=not_empty, metavar="FILE", help="公钥文件")
    q.set_defaults(func=cmd_keys_show)
    q = ks.add_parser("trust", help="登记对方的公钥文件为受信任")
    q.add_argument("file", metavar="FILE")
    q.add_argument(
        "--replace",
        metavar="OLD_FINGERPRINT",
        help="换掉对方原来登记的密钥（电脑丢失后；请先电话核对新指纹）",
    )
    q.add_argument("--reason", default=None, help="换用新密钥的原因（记入台账）")
    q.set_defaults(func=cmd_keys_trust)
    q = ks.add_parser("revoke", help="停用一个受信任的密钥：此后它签署的数据包一律拒绝")
    q.add_argument("fingerprint", metavar="FINGERPRINT")
    q.add_argument("--reason", required=True, type=not_empty, help="停用原因（必填）")
    q.set_defaults(func=cmd_keys_revoke)
    q = ks.add_parser("rotate", help="为本库生成新密钥，由旧密钥签署这次更换并记入台账")
    q.set_defaults(func=cmd_keys_rotate)
    q = ks.add_parser("list", help="列出受信任的密钥")
    q.set_defaults(func=cmd_keys_list)
    q = ks.add_parser("guide", help="电脑丢失、更换密钥、停用密钥时该怎么做")
    q.set_defaults(func=cmd_keys_guide)

    p = sub.add_parser("review", help="乡镇审核：各村事项的进度、问题和审核状态")
    p.add_argument("--format", choices=("table", "json", "xlsx"), default="table")
    p.add_argument("--out", type=not_empty, metavar="FILE", help="输出文件（xlsx 必填）")
    p.add_argument("--village", metavar="CODE", help="只看一个村")
    p.set_defaults(func=cmd_review)
    rs = p.add_subparsers(dest="review_command", metavar="ACTION")
    q = rs.add_parser("approve", help="审核通过一个事项（签名的审核记录）")
    q.add_argument("matter", metavar="MATTER_ID", help="事项编号（可用前几位）")
    q.add_argument("--comment", default="", help="意见")
    q.set_defaults(func=cmd_approve)
    q = rs.add_parser("return", help="退回一个事项并附意见")
    q.add_argument("matter", metavar="MATTER_ID")
    q.add_argument("--comment", required=True, help="退回意见（必填）")
    q.set_defaults(func=cmd_return)

    p = sub.add_parser("demo-township", help="用示例村的数据包建一个乡镇审核演示库并打开")
    p.add_argument(
        "--dir", metavar="DIR", help="演示文件放在哪里（默认用户数据目录下 demo-township）"
    )
    p.add_argument("--no-app", action="store_true", help="只建库，不打开界面")
    p.set_defaults(func=cmd_demo)


def _is_new_file(args) -> bool:
    t = str(target(args))
    return "://" not in t and not Path(t).exists()


def _role(engine) -> str | None:
    from ..store.db import read_session
    from ..store.tables import SettingRow

    with read_session(engine) as s:
        row = s.get(SettingRow, "role")
        return row.value if row else None


def cmd_export(args) -> int:
    from ..sync.export import BundleTooBig, LedgerBroken, export_bundles
    from .out_path import out_folder

    folder = out_folder(args, args.out)
    engine = open_db(args, create=False)
    try:
        with _progress(output.lang(), "导出" if output.lang() != "en" else "export") as bar:
            done = export_bundles(engine, folder, full=args.full, progress=bar.advance)
    except (LedgerBroken, BundleTooBig) as exc:
        output.fail_with(exc)
    except OSError as exc:
        output.cannot_write(args.out, exc)
    if not done:
        output.say("没有新记录，未写文件", "Nothing new to export; no file written")
        return 0
    for item in done:
        print(item.path)
    if len(done) > 1:
        _export_table(done)
    return 0


def cmd_import(args) -> int:
    from ..sync.importer import bundle_files, import_bundles, init_receiving

    lang = output.lang()
    # The files first: a mistyped name must not leave an empty township database behind.
    files = bundle_files(args.paths)
    if not files:
        from ..i18n.sync import text

        output.fail(
            text("no_bundles", "zh", path=" ".join(args.paths)),
            text("no_bundles", "en", path=" ".join(args.paths)),
        )
    missing = next((f for f in files if not f.exists()), None)
    if missing is not None:
        output.fail(f"找不到文件：{missing}", f"no such file: {missing}")
    new = _is_new_file(args)
    engine = open_db(args)
    # A database server's database exists before its first import, so "new"
    # means "has no role yet" there; --role county then takes effect.
    role = None if new else _role(engine)
    if role is None:
        init_receiving(engine, args.role or "township")
    elif args.role and args.role != role:
        names = {
            "village": ("村级", "a village"),
            "township": ("乡镇", "a township"),
            "county": ("县级", "a county"),
        }
        zh, en = names.get(role, (role, role))
        output.fail(
            f"该数据库已是{zh}数据库，不能按 --role {args.role} 导入；请换一个数据库文件",
            f"this is already {en} database; it cannot import as --role {args.role} (use another database file)",
        )
    with _progress(lang, "导入" if lang != "en" else "import", total=len(files)) as bar:
        summary = import_bundles(engine, files, trust_new=args.trust_new, progress=bar.advance)
    for r in summary.results:
        for zh, en in r.notes:
            output.say(zh, en)
        line = r.message(lang)
        if r.failed:
            print(("error: " if lang == "en" else "错误：") + line, file=sys.stderr)
        else:
            print(line)
    if len(summary.results) > 1:
        _import_table(summary, lang)
    if summary.applied and _role(engine) == "county":
        _prepare_county_figures(engine)
    return summary.exit_code


def _prepare_county_figures(engine) -> None:
    """Work out the new matters' report figures now, so the reports that follow are quick."""
    from datetime import date

    from ..county.errors import CountyError
    from ..county.stored import refresh
    from ..profiles import ProfileError

    try:
        refresh(engine, date.today())
    except (CountyError, ProfileError) as exc:  # the import stands; the report will stop on it
        output.say(
            f"报表数据未预先计算：{exc.message_zh}",
            f"Report figures not prepared: {exc.message_en}",
        )
    except Exception:  # noqa: BLE001 - a cache: the committed import must not look failed
        log.warning("county figures not prepared after an import", exc_info=True)
        output.say(
            "报表数据未预先计算（详情见日志），出报告时会重新计算",
            "Report figures not prepared (see the log); the report will work them out",
        )


def cmd_keys_show(args) -> int:
    from ..store.db import read_session, write_session
    from ..sync.keys import ensure_own_key_in, key_file_text, own_identity
    from .out_path import out_file

    what = ("公钥文件名", "the public key file name")
    out = out_file(args, args.out, KEY_FILE_EXTS, what) if args.out else None
    engine = open_db(args)
    with write_session(engine) as s:
        ensure_own_key_in(s)
    with read_session(engine) as s:
        ident = own_identity(s)
    output.say(f"本库公钥：{ident.public_key}", f"public key: {ident.public_key}")
    output.say(f"指纹：{ident.fingerprint}", f"fingerprint: {ident.fingerprint}")
    if out is not None:
        _write_text(out, key_file_text(ident) + "\n")
        output.say(f"已写入 {out}", f"written to {out}")
    elif args.out:  # "-": the key file itself, for a pipe
        print(key_file_text(ident))
    return 0


KEY_FILE_EXTS = (".key", ".txt", ".json")


def cmd_keys_trust(args) -> int:
    from ..store.services import ServiceError
    from ..sync.key_changes import DEFAULT_REPLACE_REASON, trust_key
    from ..sync.keys import KeyFileError, read_key_file

    try:
        ident = read_key_file(Path(args.file))
    except KeyFileError as exc:
        output.fail_with(exc)
    engine = open_db(args)
    try:
        done = trust_key(
            engine,
            ident,
            replace=args.replace,
            reason=args.reason or DEFAULT_REPLACE_REASON,
            actor=actor(args),
        )
    except ServiceError as exc:  # the file first, as for every refusal of a file
        output.fail(f"{args.file}：{exc.message_zh}", f"{args.file}: {exc.message_en}")
    owner = f"{ident.owner_name}（{ident.owner_code}）" if ident.owner_name else ident.owner_code
    output.say(
        f"已信任 {owner} 的密钥，指纹 {ident.fingerprint}",
        f"trusted the key of {owner}, fingerprint {ident.fingerprint}",
    )
    if done.replaced:
        _advice("advice_replaced", old=done.replaced, fp=ident.fingerprint, owner=owner)
        if done.recorded is not None:
            output.say(
                f"已记入审核台账 {done.recorded.ledger} 第 {done.recorded.seq} 条，下次导出反馈时告知该村和县",
                f"recorded in {done.recorded.ledger} as event {done.recorded.seq}; the next "
                "feedback export tells the village and the county",
            )
    return 0


def cmd_keys_revoke(args) -> int:
    from ..store.services import ServiceError
    from ..sync.key_changes import revoke

    engine = open_db(args, create=False)
    try:
        row = revoke(engine, args.fingerprint, args.reason)
    except ServiceError as exc:
        output.fail_with(exc)
    owner = f"{row.owner_name}（{row.owner_code}）" if row.owner_name else row.owner_code
    _advice("advice_revoked", fp=row.fingerprint, owner=owner)
    return 0


def cmd_keys_rotate(args) -> int:
    from ..store.services import ServiceError
    from ..sync.key_changes import rotate

    engine = open_db(args, create=False)
    try:
        done = rotate(engine, actor=actor(args))
    except ServiceError as exc:
        output.fail_with(exc)
    if _role(engine) == "village":
        _advice("advice_rotated_village", old=done.old, fp=done.new)
    else:
        _advice("advice_rotated_township", old=done.old, fp=done.new, count=len(done.ledgers))
    return 0


def cmd_keys_guide(args) -> int:
    for key in ("guide_lost_pc", "guide_rotate", "guide_revoke"):
        _advice(key)
    return 0


def _advice(key: str, **params) -> None:
    from ..i18n.sync import text

    output.say(text(key, "zh", **params), text(key, "en", **params))


def cmd_keys_list(args) -> int:
    from sqlalchemy import select

    from ..store.db import read_session
    from ..sync.tables import TrustedKey

    engine = open_db(args, create=False, read_only=True)
    with read_session(engine) as s:
        rows = s.execute(select(TrustedKey).order_by(TrustedKey.owner_code)).scalars().all()
        for r in rows:
            state = f"revoked {r.revoked_at[:10]}: {r.revoked_reason}" if r.revoked_at else "active"
            print(f"{r.owner_code}\t{r.owner_name}\t{r.role}\t{r.fingerprint}\t{r.how}\t{state}")
    return 0


def _review_service(args, *, read_only: bool = False):
    from ..sync.review import ReviewService

    return ReviewService(open_db(args, create=False, read_only=read_only), actor=actor(args))


def cmd_review(args) -> int:
    from ..sync.review_report import as_json, write_xlsx

    lang = output.lang()
    out = _review_out(args)
    service = _review_service(args, read_only=True)
    villages = [v for v in service.villages() if args.village in (None, v.code)]
    if args.village is not None and not villages:
        output.fail(
            f"本库没有区划代码为 {args.village} 的村", f"no village with code {args.village} here"
        )
    rows = service.rows(args.village)
    if args.format == "json":
        text = json.dumps(as_json(rows, villages, lang), ensure_ascii=False, indent=2)
        if out is not None:
            _write_text(out, text + "\n")
            print(out)
        else:
            print(text)
        return 0
    if args.format == "xlsx":
        try:
            write_xlsx(rows, out, lang)
        except OSError as exc:
            output.cannot_write(out, exc)
        print(out)
        return 0
    from ..sync.console import print_review

    print_review(rows, villages, lang)
    return 0


def _review_out(args) -> Path | None:
    """Where the review goes (None: standard output), refused before the database is opened."""
    from .out_path import out_file

    fmt = args.format
    if fmt == "xlsx" and not args.out:
        output.fail("xlsx 格式需要 --out 文件名", "the xlsx format needs --out FILE", code=2)
    if fmt == "table" and args.out not in (None, "-"):
        output.fail(
            "table 格式只显示在终端；写文件请用 --format json 或 xlsx",
            "the table format is for the terminal; use --format json or xlsx for a file",
            code=2,
        )
    if fmt == "table" or not args.out:
        return None
    what = (f"--format {fmt} 的输出文件名", f"the --out file for --format {fmt}")
    return out_file(args, args.out, (f".{fmt}",), what, dash=fmt == "json")


def cmd_approve(args) -> int:
    e = _review_service(args).approve(args.matter, args.comment)
    output.say(
        f"已通过：事项 {e.matter_id}（审核记录第 {e.seq} 条）",
        f"approved matter {e.matter_id} (review event {e.seq})",
    )
    return 0


def cmd_return(args) -> int:
    e = _review_service(args).return_matter(args.matter, args.comment)
    output.say(
        f"已退回：事项 {e.matter_id}（审核记录第 {e.seq} 条）",
        f"returned matter {e.matter_id} (review event {e.seq})",
    )
    return 0


def cmd_demo(args) -> int:
    from ..sync.demo import build_demo_township, default_demo_dir, is_demo_folder
    from .out_path import out_folder

    folder = out_folder(args, args.dir) if args.dir else default_demo_dir()
    if args.dir and not is_demo_folder(folder):
        # The demo empties its folder of *.db each time: never someone's own folder.
        output.fail(
            f"文件夹 {folder} 不是空的，也不是演示文件夹；请指定一个新文件夹",
            f"the folder {folder} is not empty and not a demo folder; name a new one",
        )
    db = build_demo_township(folder)
    output.say(
        f"演示乡镇库：{db}（数据包在 {folder / 'bundles'}）",
        f"demo township database: {db} (bundles in {folder / 'bundles'})",
    )
    if args.no_app:
        return 0
    from ..tui.township_app import run_township_app

    return run_township_app(db, actor=actor(args), lang=output.lang())


def _write_text(path: Path, text: str) -> None:
    from ..atomic import write_text

    try:
        write_text(path, text)
    except OSError as exc:
        output.cannot_write(path, exc)


def _progress(lang: str, what: str, total: int | None = None):
    from ..sync.console import progress

    return progress(lang, what, total)


def _export_table(done) -> None:
    from ..sync.console import print_exports

    print_exports(done, output.lang())


def _import_table(summary, lang) -> None:
    from ..sync.console import print_import_summary

    print_import_summary(summary, lang)
