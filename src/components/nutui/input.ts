// NutUI per component (script + its own CSS): the global stylesheet would cost ~229 KB of the main package.
import Input from '@nutui/nutui-react-taro/dist/es/packages/input';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';

export { Input };
