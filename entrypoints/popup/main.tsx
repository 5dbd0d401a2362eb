import { render } from 'preact';

render(<main>Paperdex</main>, document.getElementById('app')!);
