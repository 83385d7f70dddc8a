/**
 * Framework sources, generic sanitizers and propagation tables per language. Sources and sanitizers
 * are ast-grep rules (a rule file adds its own on top); the propagation tables say which calls carry
 * taint from their arguments or receiver to their result. Unknown calls do not propagate: a value
 * passed through `sanitizeInput(x)` or `Model.findById(x)` is no longer the attacker's string.
 */
import type { AstRule } from '../rule-schema.js';
import type { RuleLanguage } from '../languages.js';

const JS_REQ = '^(req|request|ctx|ctx\\.request|context\\.req)$';
const PY_REQ = '^(request|self\\.request)$';

function jsReq(pattern: string): AstRule {
  return { pattern, constraints: { R: { regex: JS_REQ } } } as AstRule;
}

/** Express/Koa/Fastify/Next.js (req, request, ctx). Constraints are applied by the engine. */
export const JS_SOURCES: AstRule[] = [
  ...['query', 'body', 'params', 'headers', 'cookies', 'signedCookies', 'files', 'file', 'url', 'originalUrl', 'path', 'nextUrl', 'search']
    .map((p) => jsReq(`$R.${p}`)),
  ...['json', 'formData', 'text', 'get', 'header', 'param', 'query'].map((m) => jsReq(`$R.${m}($$$)`)),
  { pattern: 'location.hash' },
  { pattern: 'location.search' },
  { pattern: 'window.location.hash' },
  { pattern: 'window.location.search' },
  { pattern: 'document.location.hash' },
  { pattern: 'useSearchParams()' },
];

/** Flask / Django / FastAPI-Starlette request objects. */
export const PY_SOURCES: AstRule[] = [
  ...['args', 'form', 'values', 'json', 'data', 'files', 'cookies', 'headers', 'GET', 'POST', 'body', 'COOKIES',
    'META', 'FILES', 'query_params', 'path_params', 'query_string', 'view_args', 'get_json', 'get_data', 'url', 'path']
    .map((a) => ({ pattern: `$R.${a}`, constraints: { R: { regex: PY_REQ } } }) as AstRule),
];

export const JS_SANITIZERS: AstRule[] = [
  { pattern: 'parseInt($$$)' }, { pattern: 'parseFloat($$$)' }, { pattern: 'Number($$$)' }, { pattern: 'Boolean($$$)' },
  { pattern: 'Number.parseInt($$$)' }, { pattern: 'Math.$F($$$)' },
  { pattern: 'encodeURIComponent($$$)' }, { pattern: 'escape($$$)' }, { pattern: 'escapeHtml($$$)' },
  { pattern: '$V.escape($$$)' }, { pattern: 'path.basename($$$)' }, { pattern: 'basename($$$)' },
  { pattern: 'DOMPurify.sanitize($$$)' }, { pattern: 'sanitizeHtml($$$)' }, { pattern: 'xss($$$)' },
  { pattern: 'validator.$F($$$)' }, { pattern: '$X.length' },
];

export const PY_SANITIZERS: AstRule[] = [
  { pattern: 'int($$$)' }, { pattern: 'float($$$)' }, { pattern: 'bool($$$)' }, { pattern: 'len($$$)' },
  { pattern: 'escape($$$)' }, { pattern: 'html.escape($$$)' }, { pattern: 'markupsafe.escape($$$)' },
  { pattern: 'shlex.quote($$$)' }, { pattern: 'quote($$$)' }, { pattern: 'os.path.basename($$$)' },
  { pattern: 'secure_filename($$$)' }, { pattern: 'bleach.clean($$$)' }, { pattern: 'uuid.UUID($$$)' },
];

/** Go handler receivers by convention: `r *http.Request`, gin/echo/fiber `c`/`ctx`. */
const GO_REQ = '^(r|req|request|httpReq|hr)$';
const GO_CTX = '^(c|ctx|context|ec|gc|fc)$';

const GO_ANY = '^(r|req|request|httpReq|hr|c|ctx|context|ec|gc|fc)$';

/**
 * `$R` for the request, `$C` for a framework context, `$A` for either: constraints are hoisted per
 * name, and ast-grep's `any` keeps the first alternative whose shape matches even when its constraint
 * then fails, so a method both kinds have (FormValue, Cookie, FormFile) is listed once, under `$A`.
 */
function goOn(receiver: string, pattern: string): AstRule {
  const name = receiver === GO_REQ ? 'R' : receiver === GO_CTX ? 'C' : 'A';
  return { pattern: pattern.replace(/^\$R\b/, `$${name}`), constraints: { [name]: { regex: receiver } } } as AstRule;
}

/** net/http (+ gorilla/mux), gin, echo, fiber. */
export const GO_SOURCES: AstRule[] = [
  // Compound context shapes first: `$R.Body` would otherwise take `c.Request().Body` and fail its constraint.
  goOn(GO_CTX, '$R.Request().URL.Query()'),
  goOn(GO_CTX, '$R.Request.URL.Query()'),
  goOn(GO_CTX, '$R.Request().Body'),
  goOn(GO_CTX, '$R.Request.Body'),
  ...['PostFormValue', 'PathValue', 'MultipartReader', 'UserAgent', 'Referer'].map((m) => goOn(GO_REQ, `$R.${m}($$$)`)),
  ...['FormValue', 'Cookie', 'FormFile'].map((m) => goOn(GO_ANY, `$R.${m}($$$)`)),
  ...['URL.Query()', 'URL.Path', 'URL.RawQuery', 'URL.RawPath', 'Body', 'Form', 'PostForm', 'MultipartForm', 'Header', 'RequestURI', 'Host']
    .map((f) => goOn(GO_REQ, `$R.${f}`)),
  { pattern: 'mux.Vars($$$)' },
  { pattern: 'chi.URLParam($$$)' },
  // gin
  ...['Query', 'DefaultQuery', 'GetQuery', 'QueryArray', 'QueryMap', 'Param', 'PostForm', 'DefaultPostForm', 'GetPostForm', 'PostFormArray',
    'PostFormMap', 'GetHeader', 'GetRawData', 'ShouldBind', 'ShouldBindJSON', 'ShouldBindQuery', 'ShouldBindUri',
    'ShouldBindXML', 'ShouldBindYAML', 'ShouldBindHeader', 'ShouldBindWith', 'ShouldBindBodyWith', 'Bind', 'BindJSON', 'BindQuery', 'BindUri',
    'BindXML', 'BindHeader',
    // echo
    'QueryParam', 'QueryParams', 'QueryString', 'FormParams', 'ParamValues',
    // fiber
    'Params', 'AllParams', 'Queries', 'Body', 'BodyRaw', 'BodyParser', 'QueryParser', 'ParamsParser', 'ReqHeaderParser', 'Cookies', 'OriginalURL']
    .map((m) => goOn(GO_CTX, `$R.${m}($$$)`)),
];

export const GO_SANITIZERS: AstRule[] = [
  ...['strconv.Atoi', 'strconv.ParseInt', 'strconv.ParseUint', 'strconv.ParseFloat', 'strconv.ParseBool', 'strconv.Quote', 'uuid.Parse',
    'uuid.MustParse', 'filepath.Base', 'path.Base', 'html.EscapeString', 'template.HTMLEscapeString', 'template.JSEscapeString',
    'template.URLQueryEscaper', 'url.QueryEscape', 'url.PathEscape', 'len', 'shellescape.Quote', 'bluemonday.UGCPolicy().Sanitize',
    '$P.Sanitize', 'pq.QuoteIdentifier', 'pq.QuoteLiteral']
    .map((f) => ({ pattern: `${f}($$$)` }) as AstRule),
  // A rooted Clean cannot climb above "/": filepath.Clean("/" + name).
  { pattern: 'filepath.Clean("/" + $X)' }, { pattern: 'path.Clean("/" + $X)' },
  { pattern: 'filepath.Clean(string(filepath.Separator) + $X)' },
];

/** Servlet requests by name; Spring parameter annotations are handled by the engine (SPRING_PARAM). */
const JAVA_REQ = '^(req|request|httpRequest|servletRequest|httpServletRequest|hsr)$';

export const JAVA_SOURCES: AstRule[] = [
  ...['getParameter', 'getParameterValues', 'getParameterMap', 'getParameterNames', 'getHeader', 'getHeaders', 'getQueryString', 'getCookies',
    'getInputStream', 'getReader', 'getRequestURI', 'getRequestURL', 'getPathInfo', 'getPart', 'getParts']
    .map((m) => ({ pattern: `$R.${m}($$$)`, constraints: { R: { regex: JAVA_REQ } } }) as AstRule),
];

export const JAVA_SANITIZERS: AstRule[] = [
  ...['Integer.parseInt', 'Integer.valueOf', 'Long.parseLong', 'Long.valueOf', 'Double.parseDouble', 'Boolean.parseBoolean', 'UUID.fromString',
    'FilenameUtils.getName', 'HtmlUtils.htmlEscape', 'StringEscapeUtils.escapeHtml4', 'Encode.forHtml', 'Encode.forJava', 'URLEncoder.encode',
    'Jsoup.clean', 'ESAPI.encoder().encodeForHTML', 'ESAPI.encoder().encodeForSQL', 'ESAPI.encoder().encodeForOS']
    .map((f) => ({ pattern: `${f}($$$)` }) as AstRule),
  { pattern: '$X.getFileName()' }, { pattern: '$X.length()' }, { pattern: '$X.size()' },
];

/** PHP superglobals and Laravel's request helpers. (`$_GET` as a pattern would be a metavariable, hence kind + regex.) */
export const PHP_SOURCES: AstRule[] = [
  { kind: 'variable_name', regex: '^\\$_(GET|POST|REQUEST|COOKIE|FILES)$' } as AstRule,
  { kind: 'subscript_expression', regex: '^\\$_SERVER\\s*\\[\\s*[\'"](HTTP_\\w+|QUERY_STRING|REQUEST_URI|PATH_INFO|PHP_SELF)[\'"]' } as AstRule,
  ...['input', 'query', 'get', 'post', 'all', 'only', 'except', 'cookie', 'header', 'json', 'getContent', 'route', 'file', 'string']
    .map((m) => ({ pattern: `$R->${m}($$$)`, constraints: { R: { regex: '^\\$(request|req)$' } } }) as AstRule),
  { pattern: 'request($$$)' }, { pattern: 'Request::input($$$)' }, { pattern: 'Request::get($$$)' }, { pattern: 'Input::get($$$)' },
  { pattern: 'file_get_contents("php://input")' }, { pattern: "file_get_contents('php://input')" },
];

export const PHP_SANITIZERS: AstRule[] = [
  ...['intval', 'floatval', 'boolval', 'htmlspecialchars', 'htmlentities', 'strip_tags', 'escapeshellarg', 'escapeshellcmd', 'basename',
    'urlencode', 'rawurlencode', 'e', 'count', 'strlen', 'md5', 'sha1', 'hash', 'password_hash', 'mysqli_real_escape_string', 'filter_var',
    'filter_input', 'ctype_digit', 'is_numeric', 'json_encode']
    .map((f) => ({ pattern: `${f}($$$)` }) as AstRule),
  { pattern: '$DB->quote($$$)' }, { pattern: '$DB->real_escape_string($$$)' },
  { kind: 'cast_expression', regex: '^\\(\\s*(int|integer|float|double|bool|boolean)\\s*\\)' } as AstRule,
];

/** Java constructors / static methods and PHP functions whose result carries their arguments' taint. */
export const OO_PROPAGATING = new Set([
  'StringBuilder', 'StringBuffer', 'String', 'File', 'URL', 'URI', 'StringReader', 'InputSource', 'StreamSource', 'ByteArrayInputStream',
  'String.format', 'String.valueOf', 'String.join', 'Paths.get', 'Path.of', 'URI.create', 'URLDecoder.decode', 'Objects.toString',
  'Base64.getDecoder().decode', 'MessageFormat.format', 'StringUtils.trim', 'StringUtils.join', 'UriComponentsBuilder.fromHttpUrl',
  'UriComponentsBuilder.fromUriString',
  'trim', 'ltrim', 'rtrim', 'strtolower', 'strtoupper', 'sprintf', 'vsprintf', 'implode', 'join', 'str_replace', 'preg_replace', 'substr',
  'urldecode', 'rawurldecode', 'base64_decode', 'json_decode', 'stripslashes', 'strval', 'str_pad', 'ucfirst', 'lcfirst', 'array_merge',
  'DB.raw', 'DB::raw', 'storage_path', 'public_path', 'base_path', 'resource_path', 'realpath', 'parse_url',
]);

export const SOURCES: Record<RuleLanguage, AstRule[]> = { javascript: JS_SOURCES, python: PY_SOURCES, go: GO_SOURCES, java: JAVA_SOURCES, php: PHP_SOURCES };
export const SANITIZERS: Record<RuleLanguage, AstRule[]> = {
  javascript: JS_SANITIZERS, python: PY_SANITIZERS, go: GO_SANITIZERS, java: JAVA_SANITIZERS, php: PHP_SANITIZERS,
};

/** Methods whose result carries the receiver's taint (string building and lookups on request data). */
export const RECEIVER_METHODS = new Set([
  'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'toString', 'slice', 'substring', 'substr',
  'replace', 'replaceAll', 'split', 'concat', 'join', 'padStart', 'padEnd', 'normalize', 'at', 'get', 'getAll',
  'toJSON', 'valueOf', 'then', 'flat', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'encode', 'decode',
  'getlist', 'format', 'dict', 'model_dump', 'copy', 'items', 'values', 'keys', 'searchParams',
  // Go: url.Values.Get, *url.URL.String/Query, strings.Builder/bytes.Buffer contents, cookie values
  'Get', 'String', 'Bytes', 'Query', 'Encode', 'EscapedPath', 'Hostname', 'Value', 'Values',
]);

/** Methods whose result carries their arguments' taint. */
export const ARGUMENT_METHODS = new Set(['concat', 'join', 'format', 'replace', 'replaceAll', 'format_map']);

/** Functions (by callee text) whose result carries their arguments' taint. */
export const PROPAGATING_FUNCTIONS = new Set([
  'String', 'decodeURIComponent', 'decodeURI', 'JSON.parse', 'JSON.stringify', 'Object.assign', 'Buffer.from',
  'path.join', 'path.resolve', 'path.normalize', 'url.resolve', 'util.format', 'format', 'URL', 'Array.from',
  'str', 'repr', 'os.path.join', 'os.path.abspath', 'os.path.normpath', 'os.path.expanduser', 'Path', 'pathlib.Path',
  'urljoin', 'urllib.parse.urljoin', 'urllib.parse.unquote', 'unquote', 'json.loads', 'dict', 'list', 'tuple',
  'join', 'resolve', 'base64.b64decode', 'bytes', 'text', 'sql.text', 'sqlalchemy.text',
  // Go
  'fmt.Sprintf', 'fmt.Sprint', 'fmt.Sprintln', 'strings.Join', 'strings.ToLower', 'strings.ToUpper', 'strings.TrimSpace',
  'strings.Trim', 'strings.TrimPrefix', 'strings.TrimSuffix', 'strings.TrimLeft', 'strings.TrimRight', 'strings.Replace',
  'strings.ReplaceAll', 'strings.Split', 'strings.SplitN', 'strings.Fields', 'strings.Title', 'strings.NewReader',
  'strings.Concat', 'filepath.Join', 'path.Join', 'filepath.Clean', 'path.Clean', 'filepath.Abs', 'filepath.FromSlash',
  'string', 'append', 'url.Parse', 'url.ParseRequestURI', 'url.QueryUnescape', 'url.PathUnescape', 'io.ReadAll',
  'ioutil.ReadAll', 'json.NewDecoder', 'xml.NewDecoder', 'bytes.NewBuffer', 'bytes.NewBufferString', 'bytes.NewReader',
  'base64.StdEncoding.DecodeString', 'base64.URLEncoding.DecodeString', 'html.UnescapeString',
]);

/** Parameter names never treated as request data in route functions (FastAPI dependencies etc.). */
export const NON_DATA_PARAMS = /^(self|cls|request|req|db|session|background_tasks|response|current_user|user|settings)$/;
