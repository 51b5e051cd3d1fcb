// NutUI per component (script + its own CSS): the global stylesheet would cost ~229 KB of the main package.
import CellGroup from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';

export { CellGroup };
