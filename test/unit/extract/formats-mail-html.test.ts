// HTML pages and e-mails (.eml, Outlook .msg), from MADE-UP fixtures written by code.
import assert from "node:assert/strict";
import {test} from "node:test";
import {extractText} from "../../../src/lib/extract/extract.js";
import {ReplyError} from "../../../src/lib/core/errors.js";
import {makeEml, makeHtml} from "../../../tools/fixtures/make-formats.js";
import {makeMsg, makeMsgEmbedded} from "../../../tools/fixtures/make-ole.js";
import {MERGED, brief, read} from "../read-fixture.js";

test("an HTML disclosure-log page: scripts and styles dropped, rowspan passed down, colspan keeps the columns, entities decoded", async () => {
  const {format, textSource, reply, lines} = await read(new TextEncoder().encode(makeHtml()), "log.html");
  assert.equal(format, "html");
  assert.equal(textSource, "extracted from html");
  assert.equal(lines[0], "MADE-UP TEST FIXTURE: not a real council\u2019s page.");
  assert.ok(
    !lines.some((l) => /document\.write|color: red|FOI disclosure log/.test(l)),
    "no script, style or head text"
  );
  assert.deepEqual(reply.records.map(brief), MERGED(8));
  assert.deepEqual(lines.slice(8, 12), [
    "25 \u2013 34\tNo case to answer\t3",
    "25 \u2013 34\tFinal written warning\t<5",
    "Over 55\tDismissed\t1",
    "Total\t\t8"
  ]);
  assert.equal(reply.fields.pctOfDisciplinary, 4);
  // Found by content too: a page saved without its extension.
  assert.equal((await extractText(new TextEncoder().encode(makeHtml()), "log")).format, "html");
});

test("an .eml whose reply is an attached spreadsheet: the attachment is chosen over the body and the logo, and named", async () => {
  const {format, textSource, reply} = await read(makeEml(true), "reply.eml");
  assert.equal(format, "eml");
  assert.equal(textSource, 'extracted from xlsx (attachment "FOI 1234 response.xlsx" of the eml)');
  assert.deepEqual(reply.records.map(brief), MERGED(13));
  assert.equal(reply.fields.investigated, 8);
});

test("an .eml whose reply is its quoted-printable HTML body", async () => {
  const {format, textSource, reply, lines} = await read(makeEml(false), "reply.eml");
  assert.equal(format, "eml");
  assert.equal(textSource, "extracted from eml body");
  assert.deepEqual(reply.records.map(brief), MERGED(8));
  assert.equal(lines[8], "25 \u2013 34\tNo case to answer\t3", "quoted-printable =E2=80=93 decoded");
  // Found by its headers when the name says nothing.
  assert.equal((await extractText(makeEml(false), "reply.txt")).format, "eml");
});

test("an Outlook .msg with the reply attached as a spreadsheet", async () => {
  const {format, textSource, reply} = await read(makeMsg(), "reply.msg");
  assert.equal(format, "msg");
  assert.equal(textSource, 'extracted from xlsx (attachment "FOI 1234 response.xlsx" of the msg)');
  assert.deepEqual(reply.records.map(brief), MERGED(13));
});

test("an Outlook .msg forwarding another message: the attached message's HTML body is the reply", async () => {
  const {format, textSource, reply} = await read(makeMsgEmbedded(), "forward.msg");
  assert.equal(format, "msg");
  assert.equal(textSource, 'extracted from msg body (attachment "FOI reply from the council" of the msg)');
  assert.deepEqual(reply.records.map(brief), MERGED(8));
});

test("an e-mail whose only attachment cannot be read says which attachment and why, naming the e-mail", async () => {
  const broken = new TextDecoder("latin1")
    .decode(makeEml(true))
    .replace(
      /(filename="FOI 1234 response\.xlsx"\r\nContent-Transfer-Encoding: base64\r\n\r\n)[A-Za-z0-9+/=\r\n]+/,
      "$1UEsDBAoAAAAAAA==\r\n"
    );
  await assert.rejects(
    extractText(Buffer.from(broken, "latin1"), "reply.eml"),
    (e: unknown) =>
      e instanceof ReplyError &&
      e.file === "reply.eml" &&
      /^reply\.eml: attachment "FOI 1234 response\.xlsx": the file is a zip archive but not a readable/.test(e.message)
  );
  // An e-mail with nothing in it.
  const empty =
    "From: a@example.invalid\r\nMessage-ID: <x@example.invalid>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\n\r\n";
  await assert.rejects(extractText(new TextEncoder().encode(empty), "empty.eml"), {
    message: "empty.eml: the e-mail has no text in its body and no attachment the kit can read"
  });
});

test("e-mails attached inside e-mails are followed, but not without end", async () => {
  const wrap = (inner: Uint8Array, n: number) =>
    Buffer.from(
      [
        `From: a@example.invalid`,
        `Message-ID: <wrap${n}@example.invalid>`,
        "MIME-Version: 1.0",
        `Content-Type: multipart/mixed; boundary="B${n}"`,
        "",
        `--B${n}`,
        "Content-Type: text/plain",
        "",
        "See attached.",
        `--B${n}`,
        "Content-Type: message/rfc822",
        `Content-Disposition: attachment; filename="inner${n}.eml"`,
        "",
        Buffer.from(inner).toString("latin1"),
        `--B${n}--`,
        ""
      ].join("\r\n"),
      "latin1"
    );
  const once = await extractText(wrap(makeEml(false), 1), "outer.eml");
  assert.equal(once.textSource, 'extracted from eml body (attachment "inner1.eml" of the eml)');
  const twice = await extractText(wrap(wrap(makeEml(true), 1), 2), "outer.eml");
  assert.equal(
    twice.textSource,
    'extracted from xlsx (attachment "inner2.eml › inner1.eml › FOI 1234 response.xlsx" of the eml)'
  );
  let deep: Uint8Array = makeEml(false);
  for (let n = 1; n <= 5; n++) deep = wrap(deep, n);
  await assert.rejects(
    extractText(deep, "deep.eml"),
    (e: unknown) => e instanceof ReplyError && e.file === "deep.eml" && /more than 3 deep/.test(e.message)
  );
});

test("an .eml with the policy attached beside a reply with no table: the reply is read, not the policy", async () => {
  const part = (name: string, text: string) => [
    "--B",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Disposition: attachment; filename="${name}"`,
    "",
    text
  ];
  const eml = [
    "From: FOI Team <foi@example.invalid>",
    "Subject: MADE-UP TEST FIXTURE: your FOI request",
    "Message-ID: <made-up-policy@example.invalid>",
    "MIME-Version: 1.0",
    'Content-Type: multipart/mixed; boundary="B"',
    "",
    ...part(
      "Social Media Policy 2013.txt",
      "MADE UP. 1. Purpose\nThis policy sets out how employees use social media.\n2. Breaches\nA breach may lead to disciplinary action under the disciplinary procedure."
    ),
    ...part(
      "FOI 2016-123 response.txt",
      "MADE UP. Freedom of Information request\n5. How many employees have been investigated?\nNone. No employees have been investigated for breaching the policy."
    ),
    "--B--",
    ""
  ].join("\r\n");
  const {textSource, reply} = await read(new TextEncoder().encode(eml), "reply.eml");
  assert.match(textSource, /FOI 2016-123 response/);
  assert.equal(reply.status, "nil");
});
