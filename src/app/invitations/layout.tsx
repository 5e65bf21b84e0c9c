import { WithReactQuery } from "@/modules/shell/ui/with-react-query";

export default function Layout({ children }: { children: React.ReactNode }) {
  return <WithReactQuery>{children}</WithReactQuery>;
}
