import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const gomod = 'module example.com/app\n\ngo 1.22\n';
const app = (imports: string[], body: string, extra: Record<string, string> = {}): Record<string, string> => ({
  'go.mod': gomod,
  'main.go': `package main\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\nfunc main() {\n${body}\n}\n`,
  ...extra,
});
const portEvidence = (s: { evidence: Array<{ fact: string; file: string; line?: number; note: string }> }): Array<{ file: string; line?: number; note: string }> =>
  s.evidence.filter((e) => e.fact === 'port').map(({ file, line, note }) => ({ file, line, note }));

describe('go: more frameworks and listen forms', () => {
  it('fasthttp: a ListenAndServe method value chosen for prefork, fed by a flag default', () => {
    const s = onlyService(
      app(
        ['flag', 'github.com/valyala/fasthttp', 'github.com/valyala/fasthttp/prefork'],
        [
          '\tvar addr string',
          '\tvar usePrefork bool',
          '\tflag.StringVar(&addr, "bind", ":8080", "listen address")',
          '\tflag.BoolVar(&usePrefork, "prefork", false, "prefork")',
          '\tflag.Parse()',
          '\tserver := &fasthttp.Server{Handler: func(ctx *fasthttp.RequestCtx) {}}',
          '\tserve := server.ListenAndServe',
          '\tif usePrefork {',
          '\t\tserve = prefork.New(server).ListenAndServe',
          '\t}',
          '\tif err := serve(addr); err != nil {',
          '\t\tpanic(err)',
          '\t}',
        ].join('\n'),
      ),
    );
    expect(s).toMatchObject({ kind: 'server', framework: 'fasthttp', port: { value: 8080, envVar: null } });
    expect(portEvidence(s)).toEqual([
      { file: 'main.go', line: 20, note: 'if err := serve(addr); err != nil {' },
      { file: 'main.go', line: 12, note: 'flag.StringVar(&addr, "bind", ":8080", "listen address")' },
    ]);
  });

  it('a listen call whose address is not the first argument: s.ListenAndServe(ctx, addr)', () => {
    const s = onlyService(app(['context', 'flag', 'github.com/go-faster/hx'], '\taddr := flag.String("addr", ":9000", "listen address")\n\tflag.Parse()\n\ts := &hx.Server{}\n\ts.ListenAndServe(context.Background(), *addr)'));
    expect(s.port.value).toBe(9000);
  });

  it('gnet: gnet.Run(handler, "tcp://:%d") with the port from flag.IntVar, through a struct field', () => {
    const s = onlyService(
      app(
        ['fmt', 'flag', 'github.com/panjf2000/gnet/v2'],
        '\tvar port int\n\tflag.IntVar(&port, "port", 9000, "server port")\n\tflag.Parse()\n\ths := &server{addr: fmt.Sprintf("tcp://:%d", port)}\n\tgnet.Run(hs, hs.addr, gnet.WithMulticore(true))',
      ),
    );
    expect(s).toMatchObject({ framework: 'gnet', port: { value: 9000, bindAddress: null } });
  });

  it('hertz: WithHostPorts and o.Addr set the address; without them Spin() listens on 8888', () => {
    const withOption = onlyService(app(['github.com/cloudwego/hertz/pkg/app/server'], '\th := server.Default(server.WithHostPorts("0.0.0.0:8081"))\n\th.Spin()'));
    expect(withOption).toMatchObject({ framework: 'hertz', port: { value: 8081, bindAddress: '0.0.0.0' } });
    const callback = onlyService(
      app(['github.com/cloudwego/hertz/pkg/app/server', 'github.com/cloudwego/hertz/pkg/common/config'], '\th := server.New(config.Option{F: func(o *config.Options) {\n\t\to.Addr = ":8082"\n\t}})\n\th.Spin()'),
    );
    expect(callback.port.value).toBe(8082);
    const bare = onlyService(app(['github.com/cloudwego/hertz/pkg/app/server'], '\th := server.Default()\n\th.Spin()'));
    expect(bare.port).toEqual({ value: 8888, envVar: null, bindAddress: null });
    expect(portEvidence(bare)[0]?.note).toBe('h.Spin() (hertz Spin() without WithHostPorts listens on :8888)');
  });

  it('goframe: s.SetPort(8080) before s.Run(); a goframe program that never sets an address has no port', () => {
    const s = onlyService(app(['github.com/gogf/gf/v2/frame/g'], '\ts := g.Server()\n\ts.SetPort(8199)\n\ts.Run()'));
    expect(s).toMatchObject({ kind: 'server', framework: 'goframe', port: { value: 8199 } });
    const cli = onlyService(app(['os/exec', 'github.com/gogf/gf/v2/os/gfile'], '\t_ = gfile.Pwd()\n\texec.Command("true").Run()'));
    expect(cli).toMatchObject({ kind: 'worker', port: { value: null } });
  });

  it('goji / kami: flag.Set("bind", ":8080") pins the address; otherwise $PORT or 8000', () => {
    const pinned = onlyService(app(['flag', 'github.com/zenazn/goji'], '\tflag.Set("bind", ":8080")\n\tgoji.Get("/health", nil)\n\tgoji.Serve()'));
    expect(pinned).toMatchObject({ framework: 'goji', port: { value: 8080 }, health: { path: '/health' } });
    expect(portEvidence(pinned)).toEqual([
      { file: 'main.go', line: 11, note: 'goji.Serve()' },
      { file: 'main.go', line: 9, note: 'flag.Set("bind", ":8080")' },
    ]);
    const kami = onlyService(app(['github.com/guregu/kami', 'github.com/zenazn/goji'], '\tkami.Get("/", nil)\n\tkami.Serve()'));
    expect(kami).toMatchObject({ framework: 'kami', port: { value: 8000, envVar: 'PORT' } });
  });

  it('flag.Set overrides a flag default wherever the flag is read', () => {
    const s = onlyService(app(['flag', 'net/http'], '\taddr := flag.String("addr", ":3000", "address")\n\tflag.Set("addr", ":4000")\n\tflag.Parse()\n\thttp.ListenAndServe(*addr, nil)'));
    expect(s.port.value).toBe(4000);
  });

  it('iris: app.Run(iris.Addr(":8080")); beego: web.Run() listens on 8080', () => {
    const iris = onlyService(app(['github.com/kataras/iris/v12'], '\tapp := iris.New()\n\tapp.Run(iris.Addr(":8090"))'));
    expect(iris).toMatchObject({ framework: 'iris', port: { value: 8090 } });
    const beego = onlyService(app(['github.com/beego/beego/v2/server/web'], '\tweb.Router("/", nil)\n\tweb.Run()'));
    expect(beego).toMatchObject({ framework: 'beego', port: { value: 8080 } });
  });

  it('an address constant declared in another file of the package', () => {
    const s = onlyService(app(['net/http'], '\thttp.ListenAndServe(listenAddr, nil)', { 'config.go': 'package main\n\nconst (\n\tlistenAddr = ":7070"\n\tworkers    = 4\n)\n' }));
    expect(s.port.value).toBe(7070);
    expect(portEvidence(s)[1]).toEqual({ file: 'config.go', line: 4, note: 'listenAddr = ":7070"' });
  });
});

describe('go: a server address in the code when no known listen call says', () => {
  it('reads ":8080" passed to an unknown framework constructor, and marks the binary a server', () => {
    const s = onlyService(app(['github.com/indigo-web/indigo'], '\tapp := indigo.New(":8080")\n\tapp.Serve(nil)'));
    expect(s).toMatchObject({ kind: 'server', port: { value: 8080 } });
    expect(portEvidence(s)).toEqual([{ file: 'main.go', line: 8, note: 'app := indigo.New(":8080") (a server address in the code)' }]);
  });

  it('reads SetPort(8080) and a "port" config map entry, but not a database map', () => {
    const setter = onlyService(app(['example.com/web'], '\tsrv := web.NewServer()\n\tsrv.SetPort(9090)\n\tsrv.Boot()'));
    expect(setter.port.value).toBe(9090);
    const config = onlyService(app(['example.com/framework/facades'], '\tfacades.Route().Boot()', { 'http.go': 'package main\n\nvar httpConfig = map[string]any{\n\t"host": "",\n\t"port": "3001",\n}\n' }));
    expect(config.port.value).toBe(3001);
    const db = onlyService(app(['example.com/framework/facades'], '\tfacades.Orm().Boot()', { 'db.go': 'package main\n\nvar database = map[string]any{\n\t"driver": "postgres",\n\t"port": "6543",\n}\n' }));
    expect(db).toMatchObject({ kind: 'worker', port: { value: null } });
  });

  it('does not take client addresses (redis, Dial) or backing-service ports for the listen port', () => {
    const worker = onlyService(
      app(['net', 'github.com/redis/go-redis/v9'], '\trdb := redis.NewClient(&redis.Options{Addr: ":6380"})\n\tconn, _ := net.Dial("tcp", ":7000")\n\t_ = conn\n\t_ = rdb\n\tkv := ":6379"\n\t_ = kv'),
    );
    expect(worker).toMatchObject({ kind: 'worker', port: { value: null } });
  });
});

describe('go: the service’s own container recipe', () => {
  const envApp = app(['net/http', 'os'], '\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "8080"\n\t}\n\thttp.ListenAndServe(":"+port, nil)');

  it('ENV PORT in the recipe is the value the PORT read gets in production', () => {
    const s = onlyService({ ...envApp, 'Dockerfile': 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nENV PORT=9000\nCOPY --from=build /app /app\nCMD ["/app"]\n' });
    expect(s.port).toEqual({ value: 9000, envVar: 'PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'Dockerfile', line: 4, note: 'ENV PORT=9000 in the existing container recipe' });
  });

  it('a CMD port flag fills a port the code does not name, never one it does', () => {
    const unresolved = app(['net/http'], '\tcfg := loadConfig()\n\thttp.ListenAndServe(cfg.Address(), nil)');
    const s = onlyService({ ...unresolved, 'api.dockerfile': 'FROM alpine\nCOPY app /app\nCMD ["/app", "--listen", "0.0.0.0:7000"]\n' });
    expect(s.port).toMatchObject({ value: 7000, bindAddress: '0.0.0.0' });
    const named = onlyService({ ...envApp, 'Dockerfile': 'FROM alpine\nCMD ["/app", "-port", "7000"]\n' });
    expect(named.port.value).toBe(8080);
  });

  it('ignores a Dockerfile devsquad generated', () => {
    const s = onlyService({ ...envApp, 'Dockerfile': '# syntax=docker/dockerfile:1\n# generated by devsquad from go.mod; edit freely\nFROM alpine\nENV PORT=9999\n' });
    expect(s.port.value).toBe(8080);
  });
});
