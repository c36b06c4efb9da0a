/**
 * `/api/docs`: the API reference as one HTML page, rendered on the server from
 * the OpenAPI document (no script, nothing from a CDN: the CSP allows only
 * koe itself). Japanese first, with English, as everything koe shows.
 */

type Json = Record<string, unknown>;

const TAGS: Record<string, [string, string]> = {
  meta: ['基本', 'Basics'],
  auth: ['サインインとアカウント', 'Sign-in and accounts'],
  respond: ['回答（サインイン不要）', 'Answering (no sign-in)'],
  feedback: ['意見箱', 'Feedback'],
  organisation: ['組織と名簿', 'Organisation and roster'],
  templates: ['調査票の雛形', 'Survey templates'],
  campaigns: ['調査', 'Campaigns'],
  delivery: ['配布（招待コード・意見箱コード）', 'Delivery of codes'],
  results: ['結果と指標', 'Results and indicators'],
  actions: ['アクションプランと計画の進捗', 'Action plans and plan progress'],
  audit: ['監査ログ', 'Audit log'],
  retention: ['保存期間', 'Retention'],
  backups: ['バックアップ', 'Backups'],
};
const OTHER: [string, string] = ['その他', 'Other'];

const ACCESS: Record<string, string> = {
  public: '誰でも（サインイン不要） / Anyone, no sign-in',
  'signed-in': 'サインインした全ロール / Any signed-in role',
};

const ROLE_JA: Record<string, string> = {
  admin: '管理者',
  custodian: 'コード管理者',
  analyst: '分析者',
  manager: '所属長',
  auditor: '監査者',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

const esc = (s: unknown) =>
  String(s).replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});

function accessOf(op: Json): string {
  const access = op['x-koe-access'];
  if (typeof access === 'string') return esc(ACCESS[access] ?? access);
  if (Array.isArray(access)) {
    const roles = access.map((r) => `${ROLE_JA[String(r)] ?? ''}（${esc(r)}）`).join('、');
    return `${roles} / roles: ${esc(access.join(', '))}`;
  }
  return '記載なし / not stated';
}

/** A short type: `string (≤ 64)`, `"a" | "b"`, `array of integer` … */
function typeOf(schema: Json): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if ('const' in schema) return JSON.stringify(schema.const);
  for (const key of ['anyOf', 'oneOf']) {
    const alts = schema[key];
    if (Array.isArray(alts)) return alts.map((a) => typeOf(obj(a))).join(' | ');
  }
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  if (type === 'array') return `array of ${typeOf(obj(schema.items))}`;
  return type;
}

function rulesOf(schema: Json): string {
  const rules: string[] = [];
  const add = (key: string, label: string) => {
    if (schema[key] !== undefined) rules.push(`${label} ${schema[key]}`);
  };
  add('minLength', 'length ≥');
  add('maxLength', 'length ≤');
  add('minimum', '≥');
  add('maximum', '≤');
  add('minItems', 'items ≥');
  add('maxItems', 'items ≤');
  add('format', 'format');
  add('pattern', 'pattern');
  if (schema.description) rules.push(String(schema.description));
  return rules.map(esc).join('; ');
}

function fieldsTable(schema: Json, caption: string): string {
  const props = obj(schema.properties);
  const names = Object.keys(props);
  if (names.length === 0) {
    return `<p>本文全体 / whole body: <code>${esc(typeOf(schema))}</code></p>`;
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const rows = names
    .map((name) => {
      const p = obj(props[name]);
      return `<tr><th scope="row"><code>${esc(name)}</code></th><td><code>${esc(typeOf(p))}</code></td><td>${
        required.has(name) ? '必須 / required' : '任意 / optional'
      }</td><td>${rulesOf(p)}</td></tr>`;
    })
    .join('');
  return `<table><caption>${esc(caption)}</caption><thead><tr><th scope="col">項目 / Field</th><th scope="col">型 / Type</th><th scope="col">必須 / Required</th><th scope="col">条件 / Rules</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function parametersOf(op: Json, label: string): string {
  const params = Array.isArray(op.parameters) ? op.parameters.map(obj) : [];
  if (params.length === 0) return '';
  const rows = params
    .map(
      (p) =>
        `<tr><th scope="row"><code>${esc(p.name)}</code></th><td>${esc(p.in)}</td><td><code>${esc(
          typeOf(obj(p.schema)),
        )}</code></td><td>${p.required ? '必須 / required' : '任意 / optional'}</td><td>${rulesOf({
          ...obj(p.schema),
          ...(p.description ? { description: p.description } : {}),
        })}</td></tr>`,
    )
    .join('');
  return `<h4>パラメーター / Parameters</h4><table><caption>${esc(label)}: パラメーター / parameters</caption><thead><tr><th scope="col">名前 / Name</th><th scope="col">場所 / In</th><th scope="col">型 / Type</th><th scope="col">必須 / Required</th><th scope="col">条件 / Rules</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function bodyOf(op: Json, label: string): string {
  const body = obj(op.requestBody);
  const content = obj(body.content);
  const types = Object.keys(content);
  if (types.length === 0) return '';
  return `<h4>リクエスト本文 / Request body</h4>${types
    .map(
      (type) =>
        `<p>Content-Type: <code>${esc(type)}</code>${
          body.required ? '' : '（省略可 / may be left out）'
        }</p>${fieldsTable(obj(obj(content[type]).schema), `${label}: 本文の項目 / body fields`)}`,
    )
    .join('')}`;
}

function responsesOf(op: Json, label: string): string {
  const responses = obj(op.responses);
  const rows = Object.keys(responses)
    .sort()
    .map((status) => {
      const r = obj(responses[status]);
      const types = Object.keys(obj(r.content)).map((t) => `<code>${esc(t)}</code>`);
      return `<tr><th scope="row">${esc(status)}</th><td>${esc(r.description ?? '')}</td><td>${types.join(' ')}</td></tr>`;
    })
    .join('');
  return `<h4>応答 / Responses</h4><table><caption>${esc(label)}: 応答 / responses</caption><thead><tr><th scope="col">状態 / Status</th><th scope="col">意味 / Meaning</th><th scope="col">形式 / Type</th></tr></thead><tbody>${rows}</tbody></table>`;
}

interface Operation {
  method: string;
  path: string;
  op: Json;
}

/** `put-api-auth-users-email-role` for PUT /api/auth/users/{email}/role. */
const anchor = (method: string, path: string) =>
  `${method}${path}`.replaceAll(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '');

export function renderDocs(doc: Json): string {
  const groups = new Map<string, Operation[]>();
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    for (const method of METHODS) {
      const op = obj(obj(item)[method]);
      if (Object.keys(op).length === 0) continue;
      const tag = Array.isArray(op.tags) && op.tags.length ? String(op.tags[0]) : '';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  const order = [
    ...Object.keys(TAGS).filter((t) => groups.has(t)),
    ...[...groups.keys()].filter((t) => !TAGS[t]),
  ];
  const nameOf = (tag: string) => TAGS[tag] ?? (tag ? [tag, tag] : OTHER);

  const toc = order
    .map((tag) => {
      const [ja, en] = nameOf(tag);
      return `<li><a href="#tag-${esc(tag || 'other')}">${esc(ja)} / ${esc(en)}</a></li>`;
    })
    .join('');

  const sections = order
    .map((tag) => {
      const [ja, en] = nameOf(tag);
      const ops = (groups.get(tag) ?? [])
        .map(({ method, path, op }) => {
          const label = `${method.toUpperCase()} ${path}`;
          return `<article class="op" id="${esc(anchor(method, path))}">
<h3><span class="method m-${esc(method)}">${esc(method.toUpperCase())}</span> <code class="path">${esc(path)}</code></h3>
<p>${esc(op.summary ?? '')}</p>
<dl><dt>呼び出せる人 / Who may call</dt><dd>${accessOf(op)}</dd>${
            op.security
              ? '<dt>認証 / Authentication</dt><dd>セッション Cookie または Bearer / session cookie or Bearer token</dd>'
              : ''
          }</dl>
${parametersOf(op, label)}${bodyOf(op, label)}${responsesOf(op, label)}
</article>`;
        })
        .join('\n');
      return `<section aria-labelledby="tag-${esc(tag || 'other')}"><h2 id="tag-${esc(tag || 'other')}">${esc(ja)} <span lang="en">/ ${esc(en)}</span></h2>\n${ops}</section>`;
    })
    .join('\n');

  const info = obj(doc.info);
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>koe API リファレンス / API reference</title>
<style>
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.6}
header,main,nav{max-width:64rem;margin:0 auto;padding:0 1rem}
h1{font-size:1.6rem;margin:1.5rem 0 .5rem}
h2{border-bottom:2px solid #1a1a1a;padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.1rem;margin:0 0 .4rem;overflow-wrap:anywhere}
h4{font-size:1rem;margin:1rem 0 .3rem}
.op{border:1px solid #767676;border-radius:6px;padding:1rem;margin:1rem 0}
.method{display:inline-block;min-width:4.2rem;text-align:center;border-radius:4px;padding:0 .4rem;color:#fff;background:#333;font-size:.9rem}
.m-get{background:#0b5394}.m-post{background:#1e6b2f}.m-put,.m-patch{background:#7a4a00}.m-delete{background:#a01c1c}
code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.3rem 0;font-size:.92rem}
caption{text-align:left;font-size:.85rem;color:#444}
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}
dt{font-weight:bold}dd{margin:0 0 .4rem 1rem}
a{color:#0b4f8a}
</style>
</head>
<body>
<header>
<h1>koe API リファレンス <span lang="en">/ API reference</span></h1>
<p>この頁は <a href="/api/openapi.json">/api/openapi.json</a>（OpenAPI ${esc(doc.openapi ?? '')}、版 ${esc(
    info.version ?? '',
  )}）から作られています。エラーはすべて <code>{"error":{"code","message"}}</code> の形で返ります。</p>
<p lang="en">This page is rendered from <a href="/api/openapi.json">/api/openapi.json</a>. Every error is <code>{"error":{"code","message"}}</code>; binary values are base64url without padding.</p>
</header>
<nav aria-label="目次 / Contents"><h2>目次 <span lang="en">/ Contents</span></h2><ul>${toc}</ul></nav>
<main>
${sections}
</main>
</body>
</html>
`;
}
