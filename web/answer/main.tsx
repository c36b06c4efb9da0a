import { createRoot } from 'react-dom/client';

function Placeholder() {
  return <main>声 koe</main>;
}

createRoot(document.getElementById('root')!).render(<Placeholder />);
