import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

describe('a script that serves itself with a declared web package', () => {
  it('app = Klein() … app.run("0.0.0.0", 8080): python app.py on 8080, named klein', () => {
    const service = onlyService({
      'requirements.txt': 'klein==23.12.0\n',
      'app.py': 'from klein import Klein\n\napp = Klein()\n\n@app.route("/health")\ndef health(request):\n    return "ok"\n\nif __name__ == "__main__":\n    app.run("0.0.0.0", 8080)\n',
    });
    expect(service.framework).toBe('klein');
    expect(service.commands.start).toBe('python app.py');
    expect(service.port).toEqual({ value: 8080, envVar: null, bindAddress: '0.0.0.0' });
    expect(service.evidence).toContainEqual({ fact: 'port', file: 'app.py', line: 10, note: 'app.run("0.0.0.0", 8080)' });
  });

  it('an app built in a function the module calls (`run_app()` at the end), with a local port variable', () => {
    const service = onlyService({
      'requirements.txt': 'socketify==0.0.28\n',
      'server.py': 'from socketify import App\n\ndef run_app():\n    port = 3000\n    app = App()\n    app.get("/", lambda res, req: res.end("ok"))\n    app.listen(port, None)\n    app.run()\n\nrun_app()\n',
    });
    expect(service.framework).toBe('socketify');
    expect(service.commands.start).toBe('python server.py');
    expect(service.port.value).toBe(3000);
  });

  it('a serve call with no port, or on a package the project does not declare, is not a service', () => {
    const noPort = planOf(testdir({ 'requirements.txt': 'klein\n', 'app.py': 'from klein import Klein\napp = Klein()\nif __name__ == "__main__":\n    app.run()\n' }));
    expect(noPort.services).toEqual([]);
    const undeclared = planOf(testdir({ 'requirements.txt': 'requests\n', 'app.py': 'from klein import Klein\napp = Klein()\nif __name__ == "__main__":\n    app.run("0.0.0.0", 8080)\n' }));
    expect(undeclared.services).toEqual([]);
  });
});
