import { useDuplex } from "../store/storeContext.js";
import { ChatScreen } from "./ChatScreen.js";
import { SignInForm } from "./SignInForm.js";
import { useTabTitle } from "./useTabTitle.js";

export function App() {
  const signedIn = useDuplex((s) => s.session.name !== undefined);
  useTabTitle();
  return signedIn ? <ChatScreen /> : <SignInForm />;
}
