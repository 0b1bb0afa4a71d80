import { useDuplex } from "../store/storeContext.js";
import { ChatScreen } from "./ChatScreen.js";
import { SignInForm } from "./SignInForm.js";

export function App() {
  const signedIn = useDuplex((s) => s.session.name !== undefined);
  return signedIn ? <ChatScreen /> : <SignInForm />;
}
