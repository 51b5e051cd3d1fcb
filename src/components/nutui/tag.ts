// NutUI per component (script + its own CSS): the global stylesheet would cost ~229 KB of the main package.
import Tag from '@nutui/nutui-react-taro/dist/es/packages/tag';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { Tag };
