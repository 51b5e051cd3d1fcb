// Native custom component (plain mini-program JS, no build step): a labelled figure with an
// optional unit and hint. Large numbers are grouped (12,345) so they read at a glance; a missing
// value shows an em dash instead of 0, which would be a claim.
function formatValue(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'number' && isFinite(value)) {
    return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }
  return String(value);
}

Component({
  options: { addGlobalClass: false },
  properties: {
    label: { type: String, value: '' },
    value: { type: null, value: null, observer: 'refresh' },
    unit: { type: String, value: '' },
    hint: { type: String, value: '' },
    accent: { type: Boolean, value: false },
  },
  data: { display: '—' },
  lifetimes: {
    attached: function () {
      this.refresh();
    },
  },
  methods: {
    refresh: function () {
      this.setData({ display: formatValue(this.data.value) });
    },
    onTap: function () {
      this.triggerEvent('cardtap', { label: this.data.label });
    },
  },
});
