import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';

const gomod = 'module example.com/app\n\ngo 1.22\n';
const app = (imports: string[], body: string): Record<string, string> => ({
  'go.mod': gomod,
  'main.go': `package main\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\nfunc main() {\n${body}\n}\n`,
});

describe('go frameworks and ports', () => {
  it('echo: e.Start(":1323")', () => {
    const s = onlyService(app(['github.com/labstack/echo/v4'], '\te := echo.New()\n\te.GET("/health", nil)\n\te.Logger.Fatal(e.Start(":1323"))'));
    expect(s).toMatchObject({ framework: 'echo', port: { value: 1323, envVar: null }, health: { path: '/health' } });
    expect(s.evidence).toContainEqual({ fact: 'framework', file: 'main.go', line: 4, note: 'imports github.com/labstack/echo/v4' });
  });

  it('fiber: app.Listen(":3000")', () => {
    const s = onlyService(app(['github.com/gofiber/fiber/v2'], '\tapp := fiber.New()\n\tapp.Get("/livez", nil)\n\tapp.Listen(":3000")'));
    expect(s).toMatchObject({ framework: 'fiber', port: { value: 3000 }, health: { path: '/livez' } });
  });

  it('gorilla/mux and chi are named by their import, served by http.ListenAndServe', () => {
    const mux = onlyService(app(['net/http', 'github.com/gorilla/mux'], '\tr := mux.NewRouter()\n\tr.HandleFunc("/healthz", nil)\n\thttp.ListenAndServe(":8000", r)'));
    expect(mux).toMatchObject({ framework: 'gorilla-mux', port: { value: 8000 }, health: { path: '/healthz' } });
    const chi = onlyService(app(['net/http', 'github.com/go-chi/chi/v5'], '\tr := chi.NewRouter()\n\thttp.ListenAndServe(":8081", r)'));
    expect(chi).toMatchObject({ framework: 'chi', port: { value: 8081 } });
  });

  it("gin: Run() without an address means $PORT or :8080; cobra's cmd.Run() is not gin", () => {
    const s = onlyService(app(['github.com/gin-gonic/gin'], '\trouter := gin.Default()\n\trouter.Run()'));
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'main.go', line: 9, note: 'router.Run() (gin Run() without an address listens on $PORT or :8080)' });
    const explicit = onlyService(app(['github.com/gin-gonic/gin'], '\tr := gin.New()\n\tr.Run(":9999")'));
    expect(explicit.port.value).toBe(9999);
    const notGin = onlyService(app(['os/exec', 'github.com/gin-gonic/gin'], '\t_ = gin.H{}\n\tcmd := exec.Command("true")\n\tcmd.Run()'));
    expect(notGin).toMatchObject({ kind: 'worker', framework: null, port: { value: null } });
  });

  it('grpc: net.Listen("tcp", ":9000")', () => {
    const s = onlyService(app(['net', 'google.golang.org/grpc'], '\tlis, _ := net.Listen("tcp", ":9000")\n\ts := grpc.NewServer()\n\ts.Serve(lis)'));
    expect(s).toMatchObject({ framework: 'grpc', kind: 'server', port: { value: 9000 } });
  });

  it('follows PORT with an if-empty default into fmt.Sprintf(":%s", port)', () => {
    const s = onlyService(
      app(['fmt', 'net/http', 'os'], '\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "8080"\n\t}\n\thttp.ListenAndServe(fmt.Sprintf(":%s", port), nil)'),
    );
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: null });
    expect(s.evidence.filter((e) => e.fact === 'port')).toEqual([
      { fact: 'port', file: 'main.go', line: 14, note: 'http.ListenAndServe(fmt.Sprintf(":%s", port), nil)' },
      { fact: 'port', file: 'main.go', line: 12, note: 'port = "8080"' },
    ]);
  });

  it('reads caarlos0/env struct tags with envDefault through http.Server{Addr}', () => {
    const s = onlyService({
      'go.mod': gomod,
      'main.go': [
        'package main',
        '',
        'import (',
        '\t"fmt"',
        '\t"net/http"',
        '',
        '\t"github.com/caarlos0/env/v11"',
        ')',
        '',
        'type config struct {',
        '\tHTTPPort int    `env:"HTTP_PORT" envDefault:"8088"`',
        '\tDBURL    string `env:"DATABASE_URL,required"`',
        '\tLogLevel string `env:"LOG_LEVEL" envDefault:"info"`',
        '}',
        '',
        'func main() {',
        '\tvar cfg config',
        '\t_ = env.Parse(&cfg)',
        '\tsrv := &http.Server{Addr: fmt.Sprintf(":%d", cfg.HTTPPort)}',
        '\tsrv.ListenAndServe()',
        '}',
        '',
      ].join('\n'),
    });
    expect(s.port).toEqual({ value: 8088, envVar: 'HTTP_PORT', bindAddress: null });
    expect(s.env).toEqual([
      { name: 'DATABASE_URL', required: true, secret: true, default: null },
      { name: 'LOG_LEVEL', required: false, secret: false, default: 'info' },
    ]);
  });

  it('reads a flag default address', () => {
    const s = onlyService(app(['flag', 'net/http'], '\taddr := flag.String("addr", ":8070", "listen address")\n\tflag.Parse()\n\thttp.ListenAndServe(*addr, nil)'));
    expect(s.port).toEqual({ value: 8070, envVar: null, bindAddress: null });
  });

  it('an ADDR variable holding host:port is not the port env var', () => {
    const s = onlyService(app(['net/http', 'os'], '\taddr := os.Getenv("LISTEN_ADDR")\n\tif addr == "" {\n\t\taddr = "0.0.0.0:8443"\n\t}\n\thttp.ListenAndServe(addr, nil)'));
    expect(s.port).toEqual({ value: 8443, envVar: null, bindAddress: '0.0.0.0' });
  });

  it('warns when the server binds 127.0.0.1', () => {
    const s = onlyService(app(['net/http'], '\thttp.ListenAndServe("127.0.0.1:8080", nil)'));
    expect(s.port).toEqual({ value: 8080, envVar: null, bindAddress: '127.0.0.1' });
    expect(s.warnings).toContain('app binds 127.0.0.1, which is unreachable from outside its container; listen on 0.0.0.0 (or ":port").');
  });

  it('prefers the app listener over a metrics listener', () => {
    const s = onlyService(
      app(['net/http', 'github.com/prometheus/client_golang/prometheus/promhttp'], '\tgo http.ListenAndServe(":9102", promhttp.Handler())\n\thttp.ListenAndServe(":8080", nil)'),
    );
    expect(s.port.value).toBe(8080);
  });

  it('uses a PORT read when the listen address cannot be followed', () => {
    const s = onlyService(app(['net/http', 'os'], '\tport := os.Getenv("PORT")\n\tif port == "" {\n\t\tport = "5000"\n\t}\n\thttp.ListenAndServe(buildAddr(port), nil)'));
    expect(s.port).toMatchObject({ value: 5000, envVar: 'PORT' });
  });
});
