// Stylesheets carry no behaviour in jsdom.
export default {};
