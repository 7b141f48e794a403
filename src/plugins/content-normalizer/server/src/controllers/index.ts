import importer from './importer';
import preview from './preview';

export default { importer, preview };
