import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
// One stylesheet per area, in cascade order: the narrow-screen and print rules come after what they override.
import './styles/base.css';
import './styles/shell.css';
import './styles/controls.css';
import './styles/badges.css';
import './styles/facts.css';
import './styles/tables.css';
import './styles/dashboard.css';
import './styles/charts.css';
import './styles/heatmap.css';
import './styles/wizard.css';
import './styles/dialog.css';
import './styles/plan.css';
import './styles/sign-in.css';
import './styles/comments.css';
import './styles/slips.css';
import './styles/feedback.css';
import './styles/narrow.css';
import './styles/print.css';
import './styles/lists.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
