import { createRoot } from 'react-dom/client';
import { applyLang, savedLang } from '../common/lang';
import { App } from './app';
import '../common/staff.css';
import './style.css';

applyLang(savedLang());
createRoot(document.getElementById('root')!).render(<App />);
