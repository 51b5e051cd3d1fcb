// NutUI per component (script + its own CSS): the global stylesheet would cost ~229 KB of the main package.
import Button from '@nutui/nutui-react-taro/dist/es/packages/button';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

export { Button };
