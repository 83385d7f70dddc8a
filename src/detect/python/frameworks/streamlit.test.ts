import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('Streamlit', () => {
  it('runs the root script with streamlit run on 8501, health /_stcore/health', () => {
    const service = onlyService({
      'requirements.txt': 'streamlit==1.37.0\npandas==2.2.2\n',
      'streamlit_app.py': 'import streamlit as st\n\nst.title("Sales")\n',
      'pages/1_Details.py': 'import streamlit as st\nst.write("details")\n',
    });
    expect(service.framework).toBe('streamlit');
    expect(service.commands.start).toBe('streamlit run streamlit_app.py --server.port $PORT --server.address 0.0.0.0');
    expect(service.port).toEqual({ value: 8501, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(service.health.path).toBe('/_stcore/health');
    expect(service.build.features).toEqual(['streamlit']);
    expect(service.build.target).toBe('streamlit_app.py');
  });

  it('.streamlit/config.toml sets the port', () => {
    const service = onlyService({
      'requirements.txt': 'streamlit\n',
      'dashboard.py': 'import streamlit as st\nst.write("hi")\n',
      '.streamlit/config.toml': '[server]\nport = 8080\nheadless = true\n',
    });
    expect(service.commands.start).toBe('streamlit run dashboard.py --server.port $PORT --server.address 0.0.0.0');
    expect(service.port.value).toBe(8080);
  });
});
