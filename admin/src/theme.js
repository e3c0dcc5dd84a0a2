import { defaultTheme } from 'react-admin';

// react-admin's light theme, changed only where axe-core finds it hard to use (the browser
// test checks each main page, docs/admin.md "Accessibility"):
// - blues and a red dark enough for a 4.5:1 contrast: white on the app bar, links and
//   buttons on the page's grey, a focused field's label on its fill, Delete on the form's
//   toolbar (react-admin's are 3.1 to 4.4);
// - progress indicators are named ("Loading");
// - the user menu's button is named by what it shows (who is signed in), not "Profile";
// - a row's checkbox carries its label ("Select this row") on the input a screen reader
//   reaches, where react-admin puts it on the surrounding span.
const blue = { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' };
const red = { light: '#e53935', main: '#b71c1c', dark: '#7f0000', contrastText: '#fff' };
const named = { defaultProps: { 'aria-label': 'Loading' } };

export const theme = {
  ...defaultTheme,
  palette: { ...defaultTheme.palette, primary: blue, secondary: blue, error: red },
  components: {
    ...defaultTheme.components,
    RaUserMenu: { defaultProps: { label: null } },
    MuiCircularProgress: named,
    MuiLinearProgress: named,
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: () => ({ 'aria-label': undefined }),
          input: (ownerState) => (ownerState['aria-label'] ? { 'aria-label': ownerState['aria-label'] } : {}),
        },
      },
    },
  },
};
