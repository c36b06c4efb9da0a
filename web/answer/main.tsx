import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { applyLang, savedLang } from '../common/lang';
import { App } from './app';
import { keysViewOf } from './keys';
import { KeysApp } from './keys-view';
import '../common/staff.css';
import './style.css';

/** The answer app, or the published key list when the fragment is `#keys/<campaignId>` (A4). */
function Root() {
  const [keys, setKeys] = useState(() => keysViewOf(location.hash));
  useEffect(() => {
    const follow = () => setKeys(keysViewOf(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  return keys ? <KeysApp key={keys} campaignId={keys} /> : <App />;
}

applyLang(savedLang());
createRoot(document.getElementById('root')!).render(<Root />);
