// NutUI per component (script + its own CSS): the global stylesheet would cost ~229 KB of the main package.
import Cell from '@nutui/nutui-react-taro/dist/es/packages/cell';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export { Cell };
